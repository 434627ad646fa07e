import { zodResolver } from "@hookform/resolvers/zod";
import { useId } from "react";
import { useForm } from "react-hook-form";
import type { Member } from "@/domain/orgs";
import { ROLE_LABELS } from "@/features/orgs/roleLabels";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { DialogClose } from "@/ui/Dialog";
import { Field, FormError } from "@/ui/Field";
import { Input } from "@/ui/Input";
import {
  newRuleValues,
  RULE_FORM_FIELDS,
  ruleFormSchema,
  withListFieldsCollapsed,
  type RuleFormBody,
  type RuleFormValues,
} from "./ruleFormSchema";

/** A rule's name, agents (checkboxes of the org's staff), and the sources and ZIP codes it is limited to. */
export function AssignmentRuleForm({
  agents,
  defaultValues = newRuleValues,
  submitLabel,
  onSubmit,
}: {
  /** Staff members who can be given leads. */
  agents: Member[];
  defaultValues?: RuleFormValues;
  submitLabel: string;
  /** Saves the body; a thrown ApiError is shown on the form. */
  onSubmit: (body: RuleFormBody) => Promise<void>;
}) {
  const agentsId = useId();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RuleFormValues, unknown, RuleFormBody>({ resolver: zodResolver(ruleFormSchema), defaultValues });

  const submit = handleSubmit(async (body) => {
    try {
      await onSubmit(body);
    } catch (error) {
      applyServerErrors(withListFieldsCollapsed(error), setError, RULE_FORM_FIELDS);
    }
  });

  const agentsError = errors.agentIds?.message ?? errors.agentIds?.root?.message;

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field label="Rule name" error={errors.name?.message} hint="For you, e.g. “Austin sellers” or “PPC leads”.">
        {(control) => <Input {...control} autoComplete="off" {...register("name")} />}
      </Field>
      <fieldset aria-describedby={agentsError ? `${agentsId}-error` : undefined} className="space-y-2">
        <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Agents</legend>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">New leads go to these people in turn.</p>
        <div className="max-h-52 space-y-1 overflow-y-auto rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
          {agents.length === 0 && <p className="p-1 text-sm text-zinc-500 dark:text-zinc-400">No staff members yet.</p>}
          {agents.map((agent) => (
            <label
              key={agent.userId}
              className="flex cursor-pointer items-center gap-2.5 rounded px-1.5 py-1 text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800/60"
            >
              <input
                type="checkbox"
                value={agent.userId}
                aria-invalid={agentsError ? true : undefined}
                className="size-4 accent-accent-600"
                {...register("agentIds")}
              />
              <span className="font-medium">{agent.fullName || agent.email}</span>
              <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400" aria-hidden="true">
                {ROLE_LABELS[agent.role]}
              </span>
            </label>
          ))}
        </div>
        {agentsError && (
          <p id={`${agentsId}-error`} className="text-xs font-medium text-red-600 dark:text-red-400">
            {agentsError}
          </p>
        )}
      </fieldset>
      <Field label="Only for sources" error={errors.sources?.message} hint="Comma separated, spelled as on the lead, e.g. PPC, Mailers. Leave empty for any source.">
        {(control) => <Input {...control} autoComplete="off" {...register("sources")} />}
      </Field>
      <Field label="Only for ZIP codes" error={errors.zips?.message} hint="Comma separated 5-digit ZIP codes of the property. Leave empty for anywhere.">
        {(control) => <Input {...control} autoComplete="off" inputMode="numeric" {...register("zips")} />}
      </Field>
      <div className="flex justify-end gap-2 pt-2">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" loading={isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
