import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { addSuppressionRequestSchema, type Suppression } from "@/domain/suppressions";
import { apiFetch } from "@/lib/api";
import { errorMessage } from "@/lib/apiError";
import { formatPhone } from "@/lib/format";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Field, FormError } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { toast } from "@/ui/toastStore";

const ENDPOINT = "/api/suppressions";

const REASONS: Record<Suppression["reason"], string> = {
  stop: "Texted STOP",
  unsubscribe: "Unsubscribed",
  bounce: "Email bounced",
  spam_report: "Reported as spam",
  manual: "Added by hand",
};

const show = (s: Pick<Suppression, "channel" | "address">) => (s.channel === "sms" ? formatPhone(s.address) : s.address);

/**
 * The do-not-contact list: every address no text or email may go to. Staff add one by hand ("don't contact me" on
 * a call); owners and admins remove what was added by hand. An opt-out the person made (STOP, unsubscribe) or a
 * bounce stays until the person lifts it.
 */
export function SuppressionsSection({ canRemove }: { canRemove: boolean }) {
  const [items, setItems] = useState<Suppression[] | null>(null);
  const [query, setQuery] = useState("");
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    (q: string) =>
      apiFetch<{ items: Suppression[] }>(`${ENDPOINT}?limit=100${q ? `&q=${encodeURIComponent(q)}` : ""}`).then(
        (r) => (setItems(r.items), setError(null)),
        (err: unknown) => setError(errorMessage(err)),
      ),
    [],
  );
  useEffect(() => {
    const t = setTimeout(() => void load(query.trim()), 250);
    return () => clearTimeout(t);
  }, [load, query]);

  const remove = async (s: Suppression) => {
    try {
      await apiFetch(`${ENDPOINT}/${s.id}`, { method: "DELETE" });
      toast({ title: `${show(s)} may be contacted again`, variant: "success" });
      await load(query.trim());
    } catch (err) {
      toast({ title: "Couldn't remove it", description: errorMessage(err), variant: "error" });
    }
  };

  return (
    <Card>
      <CardHeader>
        <h2 className="text-sm font-semibold">Do-not-contact list</h2>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
          No text or email goes to these addresses — checked before every send. Opt-outs (STOP, unsubscribe) and bounces land here by themselves.
        </p>
      </CardHeader>
      <CardBody className="space-y-4">
        <AddSuppressionForm onAdded={() => void load(query.trim())} />
        <Field label="Search the list">{(c) => <Input {...c} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Part of a number or email" />}</Field>
        {error && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            Couldn't load the list: {error}
          </p>
        )}
        {items?.length === 0 && <p className="text-sm text-zinc-500">{query ? "Nothing matches." : "Nobody on the list yet."}</p>}
        {items && items.length > 0 && (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Do-not-contact list">
            {items.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <span>
                  <span className="font-medium tabular-nums">{show(s)}</span>{" "}
                  <span className="text-zinc-500">
                    · {s.channel === "sms" ? "texts" : "email"} · {REASONS[s.reason]}
                  </span>
                </span>
                {canRemove && s.reason === "manual" && (
                  <Button size="sm" variant="ghost" onClick={() => void remove(s)} aria-label={`Remove ${show(s)} from the list`}>
                    Remove
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}

function AddSuppressionForm({ onAdded }: { onAdded: () => void }) {
  // Checked in the browser with the API's own schema (phone → E.164, email lower-cased); the server checks again.
  const { register, handleSubmit, setError, reset, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(addSuppressionRequestSchema),
    defaultValues: { channel: "sms" as const, address: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      const added = await apiFetch<Suppression>(ENDPOINT, { method: "POST", body: values });
      toast({ title: `${show(added)} won't be contacted`, variant: "success" });
      reset({ channel: values.channel, address: "" });
      onAdded();
    } catch (err) {
      applyServerErrors(err, setError, ["channel", "address"]);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add to the do-not-contact list" className="space-y-3">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-3 sm:grid-cols-[auto_1fr_auto] sm:items-start">
        <Field label="Channel" error={errors.channel?.message}>
          {(c) => (
            <Select {...c} {...register("channel")}>
              <option value="sms">Texts</option>
              <option value="email">Email</option>
            </Select>
          )}
        </Field>
        <Field label="Phone or email" error={errors.address?.message}>
          {(c) => <Input {...c} {...register("address")} placeholder="(512) 555-0134 or name@example.com" />}
        </Field>
        <Button type="submit" loading={isSubmitting} className="sm:mt-6">
          Add
        </Button>
      </div>
    </form>
  );
}
