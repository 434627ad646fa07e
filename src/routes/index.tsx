import { createRoute, redirect } from "@tanstack/react-router";
import { authedRoute } from "./authed";

export const indexRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/leads", replace: true });
  },
});
