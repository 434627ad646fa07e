import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { signUpRequestSchema } from "@/domain/auth";
import { applyServerErrors } from "@/lib/serverErrors";
import { useSession } from "@/lib/session";
import { Button } from "@/ui/Button";
import { Field, FormError } from "@/ui/Field";
import { Input } from "@/ui/Input";
import { signUp } from "./authClient";

/** Creates the account and its org; on success the session (in the new org) is stored and onSignedUp runs. */
export function SignUpForm({ onSignedUp }: { onSignedUp: () => void }) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(signUpRequestSchema),
    defaultValues: { email: "", password: "", orgName: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    try {
      const { accessToken, refreshToken, user, org } = await signUp(values);
      useSession.getState().setSession({ accessToken, refreshToken, user, activeOrgId: org?.id ?? null });
      onSignedUp();
    } catch (error) {
      applyServerErrors(error, setError, ["email", "password", "orgName"]);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field label="Organization name" error={errors.orgName?.message}>
        {(control) => <Input {...control} autoComplete="organization" autoFocus {...register("orgName")} />}
      </Field>
      <Field label="Email" error={errors.email?.message}>
        {(control) => <Input {...control} type="email" autoComplete="email" {...register("email")} />}
      </Field>
      <Field label="Password" error={errors.password?.message} hint="At least 8 characters.">
        {(control) => <Input {...control} type="password" autoComplete="new-password" {...register("password")} />}
      </Field>
      <Button type="submit" className="w-full" loading={isSubmitting}>
        Create account
      </Button>
    </form>
  );
}
