import { createRoute } from "@tanstack/react-router";
import { InvestorsPage } from "@/features/investors/InvestorsPage";
import { authedRoute } from "./authed";

export const investorsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/investors",
  component: InvestorsPage,
});
