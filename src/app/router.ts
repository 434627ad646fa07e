import { createRouter, type RouterHistory } from "@tanstack/react-router";
import { parseSearch, stringifySearch } from "@/lib/searchParams";
import { routeTree } from "@/routes/routeTree";

/** The app's router; tests pass a memory history. */
export function createAppRouter({ history }: { history?: RouterHistory } = {}) {
  return createRouter({ routeTree, history, defaultPreload: "intent", scrollRestoration: true, parseSearch, stringifySearch });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module "@tanstack/react-router" {
  interface Register {
    router: AppRouter;
  }
}
