import { createRoute } from "@tanstack/react-router";
import { AssignmentPage } from "@/features/assignment/AssignmentPage";
import { authedRoute } from "./authed";

export const assignmentRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/settings/assignment",
  component: AssignmentPage,
});
