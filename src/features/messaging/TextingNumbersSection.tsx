import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { createSmsNumberRequestSchema, type SmsNumber } from "@/domain/smsNumbers";
import { apiFetch } from "@/lib/api";
import { errorMessage } from "@/lib/apiError";
import { formatPhone } from "@/lib/format";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Field, FormError } from "@/ui/Field";
import { Input } from "@/ui/Input";
import { toast } from "@/ui/toastStore";

const ENDPOINT = "/api/org/sms-numbers";

/**
 * The org's own Twilio numbers (owners and admins): texts go out from the default one, and a reply to any of them
 * lands in this org. Without a number, texts go out from the deployment's shared number.
 */
export function TextingNumbersSection() {
  const [items, setItems] = useState<SmsNumber[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = useCallback(
    () =>
      apiFetch<{ items: SmsNumber[] }>(ENDPOINT).then(
        (r) => (setItems(r.items), setError(null)),
        (err: unknown) => setError(errorMessage(err)),
      ),
    [],
  );
  useEffect(() => void load(), [load]);

  const act = async (n: SmsNumber, what: "default" | "remove") => {
    setBusy(n.id);
    try {
      if (what === "default") await apiFetch(`${ENDPOINT}/${n.id}`, { method: "PATCH", body: { isDefault: true } });
      else await apiFetch(`${ENDPOINT}/${n.id}`, { method: "DELETE" });
      toast({ title: what === "default" ? `Texts now go out from ${formatPhone(n.phone)}` : `Removed ${formatPhone(n.phone)}`, variant: "success" });
      await load();
    } catch (err) {
      toast({ title: what === "default" ? "Couldn't make it the default" : "Couldn't remove the number", description: errorMessage(err), variant: "error" });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card>
      <CardHeader>
        <h2 className="text-sm font-semibold">Texting numbers</h2>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
          Your Twilio numbers. Texts go out from the default number; replies to any of them (and STOP) land here. Point each number's
          messaging webhook at /api/webhooks/twilio/inbound.
        </p>
      </CardHeader>
      <CardBody className="space-y-4">
        {error && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            Couldn't load the texting numbers: {error}
          </p>
        )}
        {items?.length === 0 && <p className="text-sm text-zinc-500">No numbers yet: texts go out from the shared number of this installation.</p>}
        {items && items.length > 0 && (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Texting numbers">
            {items.map((n) => (
              <li key={n.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <span className="flex items-center gap-2">
                  <span className="font-medium tabular-nums">{formatPhone(n.phone)}</span>
                  {n.isDefault && (
                    <span className="rounded-full bg-accent-50 px-2 py-0.5 text-xs font-semibold text-accent-700 dark:bg-accent-950/50 dark:text-accent-300">Default</span>
                  )}
                </span>
                <span className="flex gap-2">
                  {!n.isDefault && (
                    <Button size="sm" variant="secondary" disabled={busy !== null} onClick={() => void act(n, "default")} aria-label={`Make ${formatPhone(n.phone)} the default`}>
                      Make default
                    </Button>
                  )}
                  <Button size="sm" variant="ghost" disabled={busy !== null} onClick={() => void act(n, "remove")} aria-label={`Remove ${formatPhone(n.phone)}`}>
                    Remove
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        )}
        <AddNumberForm onAdded={() => void load()} />
      </CardBody>
    </Card>
  );
}

function AddNumberForm({ onAdded }: { onAdded: () => void }) {
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(createSmsNumberRequestSchema),
    defaultValues: { phone: "", isDefault: false },
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      const added = await apiFetch<SmsNumber>(ENDPOINT, { method: "POST", body: values });
      toast({ title: `Added ${formatPhone(added.phone)}`, variant: "success" });
      reset();
      onAdded();
    } catch (err) {
      applyServerErrors(err, setError, ["phone", "isDefault"]);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a texting number" className="space-y-3">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-start">
        <Field label="Number" error={errors.phone?.message}>
          {(c) => <Input {...c} type="tel" placeholder="(512) 555-0134" {...register("phone")} />}
        </Field>
        <label className="flex items-center gap-2 text-sm sm:mt-8">
          <input type="checkbox" className="size-4" {...register("isDefault")} />
          Make default
        </label>
        <Button type="submit" loading={isSubmitting} className="sm:mt-6">
          Add number
        </Button>
      </div>
    </form>
  );
}
