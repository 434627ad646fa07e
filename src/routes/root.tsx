import { createRootRoute, Outlet } from "@tanstack/react-router";
import { NotFound } from "@/app/NotFound";
import { reportRouteError, RootErrorComponent } from "@/app/routeErrors";

export const rootRoute = createRootRoute({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RootErrorComponent,
  onCatch: reportRouteError,
});
