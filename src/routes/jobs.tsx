import { createRoute } from "@tanstack/react-router";
import { JobsPage } from "@/features/jobs/JobsPage";
import { authedRoute } from "./authed";

export const jobsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/settings/jobs",
  component: JobsPage,
});
