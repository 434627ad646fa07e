import { authedRoute } from "./authed";
import { indexRoute } from "./index";
import { leadSourceDeliveriesRoute } from "./leadSourceDeliveries";
import { leadSourcesRoute } from "./leadSources";
import { leadsRoute } from "./leads";
import { loginRoute } from "./login";
import { membersRoute } from "./members";
import { rootRoute } from "./root";
import { signupRoute } from "./signup";

export const routeTree = rootRoute.addChildren([
  loginRoute,
  signupRoute,
  authedRoute.addChildren([indexRoute, leadsRoute, membersRoute, leadSourcesRoute, leadSourceDeliveriesRoute]),
]);
