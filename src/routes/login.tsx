import { createRoute } from "@tanstack/react-router";
import { redirectIfSignedIn } from "@/app/authGuard";
import { SignInPage } from "@/features/auth/SignInPage";
import { rootRoute } from "./root";

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === "string" ? { redirect: search.redirect } : {},
  beforeLoad: redirectIfSignedIn,
  component: function LoginRoute() {
    const { redirect } = loginRoute.useSearch();
    return <SignInPage redirectTo={redirect} />;
  },
});
