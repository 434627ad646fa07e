import { createRoute } from "@tanstack/react-router";
import { AppLayout } from "@/app/AppLayout";
import { requireSession } from "@/app/authGuard";
import { rootRoute } from "./root";

/** Pathless layout for everything behind sign-in. */
export const authedRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "authed",
  beforeLoad: requireSession,
  component: AppLayout,
});
