import { createRoute } from "@tanstack/react-router";
import { redirectIfSignedIn } from "@/app/authGuard";
import { SignUpPage } from "@/features/auth/SignUpPage";
import { rootRoute } from "./root";

export const signupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/signup",
  beforeLoad: redirectIfSignedIn,
  component: SignUpPage,
});
