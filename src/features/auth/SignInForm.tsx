import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { signInRequestSchema } from "@/domain/auth";
import { applyServerErrors } from "@/lib/serverErrors";
import { useSession } from "@/lib/session";
import { Button } from "@/ui/Button";
import { Field, FormError } from "@/ui/Field";
import { Input } from "@/ui/Input";
import { signIn } from "./authClient";

/** Email and password; on success the session is stored and onSignedIn runs. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(signInRequestSchema),
    defaultValues: { email: "", password: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    try {
      const { accessToken, refreshToken, user } = await signIn(values);
      useSession.getState().setSession({ accessToken, refreshToken, user });
      onSignedIn();
    } catch (error) {
      applyServerErrors(error, setError, ["email", "password"]);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field label="Email" error={errors.email?.message}>
        {(control) => <Input {...control} type="email" autoComplete="email" autoFocus {...register("email")} />}
      </Field>
      <Field label="Password" error={errors.password?.message}>
        {(control) => <Input {...control} type="password" autoComplete="current-password" {...register("password")} />}
      </Field>
      <Button type="submit" className="w-full" loading={isSubmitting}>
        Sign in
      </Button>
    </form>
  );
}
