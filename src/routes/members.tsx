import { createRoute } from "@tanstack/react-router";
import { MembersPage } from "@/features/orgs/MembersPage";
import { authedRoute } from "./authed";

export const membersRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/members",
  component: MembersPage,
});
