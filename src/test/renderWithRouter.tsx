import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from "@tanstack/react-router";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";

const STUB_PATHS = ["/", "/leads", "/members", "/login", "/signup", "/settings/lead-sources", "/settings/lead-sources/$sourceId"];

/** Renders `ui` inside a memory router whose app paths exist (as empty pages), so Links and navigate work. */
export function renderWithRouter(ui: ReactNode, { path = "/" }: { path?: string } = {}) {
  const rootRoute = createRootRoute({
    component: () => (
      <>
        {ui}
        <Outlet />
      </>
    ),
  });
  const routeTree = rootRoute.addChildren(
    STUB_PATHS.map((p) => createRoute({ getParentRoute: () => rootRoute, path: p, component: () => null })),
  );
  const router = createRouter({ routeTree, history: createMemoryHistory({ initialEntries: [path] }) });
  const result = render(<RouterProvider router={router} />);
  return { ...result, router };
}
