import { createRoute } from "@tanstack/react-router";
import { PipelineBoardPage } from "@/features/pipeline/PipelineBoardPage";
import { authedRoute } from "./authed";

export const pipelineRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/pipeline",
  component: PipelineBoardPage,
});
