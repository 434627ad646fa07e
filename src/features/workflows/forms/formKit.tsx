import type { ReactNode } from "react";
import type { FieldValues, UseFormRegisterReturn, UseFormReturn } from "react-hook-form";
import type { MessageTemplate } from "@/domain/messaging";
import type { Member } from "@/domain/orgs";
import type { PipelineStage } from "@/domain/pipeline";

// What every node's fields get: the form, and the org's templates, stages and staff for the pickers.

export interface EditorLookups {
  templates: MessageTemplate[];
  stages: PipelineStage[];
  members: Member[];
  /** For inbound webhook triggers: where to POST (managers only). */
  webhook?: { url: string; secret: string } | null;
}

export const EMPTY_LOOKUPS: EditorLookups = { templates: [], stages: [], members: [] };

export interface FieldsProps {
  form: UseFormReturn<FieldValues>;
  lookups: EditorLookups;
}

/** The form's message for a field, if any (dotted paths allowed). */
export function errorOf(form: UseFormReturn<FieldValues>, name: string): string | undefined {
  let at: unknown = form.formState.errors;
  for (const part of name.split(".")) at = (at as Record<string, unknown> | undefined)?.[part];
  const message = (at as { message?: unknown } | undefined)?.message;
  return typeof message === "string" && message ? message : undefined;
}

export const memberName = (m: Member) => m.fullName || m.email;

/** A set of radio buttons with a legend. */
export function RadioGroup({ legend, options, registration }: { legend: string; options: { value: string; label: string }[]; registration: UseFormRegisterReturn }) {
  return (
    <fieldset className="space-y-1.5">
      <legend className="mb-1.5 text-sm font-medium text-zinc-700 dark:text-zinc-300">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1.5">
        {options.map((o) => (
          <label key={o.value} className="inline-flex items-center gap-1.5 text-sm">
            <input type="radio" value={o.value} {...registration} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A checkbox with its label to the right. */
export function Checkbox({ label, registration, children }: { label: string; registration: UseFormRegisterReturn; children?: ReactNode }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" className="mt-0.5" {...registration} />
      <span>
        {label}
        {children && <span className="block text-xs text-zinc-500 dark:text-zinc-400">{children}</span>}
      </span>
    </label>
  );
}
