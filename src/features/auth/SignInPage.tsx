import { Link, useNavigate } from "@tanstack/react-router";
import { AuthLayout } from "./AuthLayout";
import { DemoHint } from "./DemoHint";
import { safeRedirect } from "./safeRedirect";
import { SignInForm } from "./SignInForm";

export function SignInPage({ redirectTo }: { redirectTo?: string }) {
  const navigate = useNavigate();
  return (
    <AuthLayout
      title="Sign in to Hidden Key"
      subtitle="Welcome back. Pick up where you left off."
      footer={
        <>
          New to Hidden Key?{" "}
          <Link to="/signup" className="font-medium text-accent-700 hover:underline dark:text-accent-400">
            Create an account
          </Link>
        </>
      }
    >
      <div className="space-y-4">
        <SignInForm onSignedIn={() => void navigate({ href: safeRedirect(redirectTo), replace: true })} />
        <DemoHint />
      </div>
    </AuthLayout>
  );
}
