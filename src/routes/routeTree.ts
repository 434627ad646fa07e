import { assignmentRoute } from "./assignment";
import { authedRoute } from "./authed";
import { indexRoute } from "./index";
import { leadDetailRoute } from "./leadDetail";
import { leadFormsRoute } from "./leadForms";
import { leadImportRoute } from "./leadImport";
import { leadSourceDeliveriesRoute } from "./leadSourceDeliveries";
import { leadSourcesRoute } from "./leadSources";
import { leadsRoute } from "./leads";
import { loginRoute } from "./login";
import { membersRoute } from "./members";
import { publicFormRoute } from "./publicForm";
import { rootRoute } from "./root";
import { signupRoute } from "./signup";

export const routeTree = rootRoute.addChildren([
  loginRoute,
  signupRoute,
  publicFormRoute,
  authedRoute.addChildren([indexRoute, leadsRoute, membersRoute, leadSourcesRoute, leadSourceDeliveriesRoute, leadFormsRoute, leadImportRoute, assignmentRoute, leadDetailRoute]),
]);
