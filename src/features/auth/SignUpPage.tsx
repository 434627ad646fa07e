import { Link, useNavigate } from "@tanstack/react-router";
import { AuthLayout } from "./AuthLayout";
import { SignUpForm } from "./SignUpForm";

export function SignUpPage() {
  const navigate = useNavigate();
  return (
    <AuthLayout
      title="Create your account"
      subtitle="Set up your firm's workspace in a minute."
      footer={
        <>
          Already have an account?{" "}
          <Link to="/login" className="font-medium text-accent-700 hover:underline dark:text-accent-400">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm onSignedUp={() => void navigate({ to: "/leads", replace: true })} />
    </AuthLayout>
  );
}
