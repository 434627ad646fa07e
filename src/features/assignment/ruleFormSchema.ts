import { z } from "zod";
import { createAssignmentRuleRequestSchema, type AssignmentRule } from "@/domain/assignment";
import { ApiError, isApiError } from "@/lib/apiError";

/** "PPC, Mailers ,,PPC" → ["PPC", "Mailers"]. */
export function commaList(text: string): string[] {
  return [...new Set(text.split(",").map((part) => part.trim()).filter(Boolean))];
}

/**
 * The add/edit rule form: agents as checkboxes, sources and ZIP codes as comma-separated text, checked with
 * the API's rules and turned into the body of POST/PATCH /api/assignment-rules.
 */
export const ruleFormSchema = z.object({
  name: createAssignmentRuleRequestSchema.shape.name,
  agentIds: z.array(z.string()).min(1, { error: "choose at least one agent" }).max(100, { error: "at most 100 agents" }),
  sources: z.string().transform((text, ctx) => {
    const list = commaList(text);
    const long = list.find((s) => s.length > 100);
    if (long) ctx.addIssue({ code: "custom", message: "each source is at most 100 characters" });
    if (list.length > 50) ctx.addIssue({ code: "custom", message: "at most 50 sources" });
    return list;
  }),
  zips: z.string().transform((text, ctx) => {
    const list = commaList(text);
    const bad = list.find((zip) => !/^\d{5}$/.test(zip));
    if (bad) ctx.addIssue({ code: "custom", message: `“${bad}” isn't a 5-digit ZIP code` });
    if (list.length > 500) ctx.addIssue({ code: "custom", message: "at most 500 ZIP codes" });
    return list;
  }),
});

export type RuleFormValues = z.input<typeof ruleFormSchema>;
export type RuleFormBody = z.output<typeof ruleFormSchema>;

export const RULE_FORM_FIELDS = ["name", "agentIds", "sources", "zips"] as const;

export const newRuleValues: RuleFormValues = { name: "", agentIds: [], sources: "", zips: "" };

export function ruleToFormValues(rule: AssignmentRule): RuleFormValues {
  return { name: rule.name, agentIds: rule.agentIds, sources: rule.sources.join(", "), zips: rule.zips.join(", ") };
}

/** The server names list items ("zips.2"); the form shows them under the list's field ("zips"). */
export function withListFieldsCollapsed(error: unknown): unknown {
  if (!isApiError(error) || !error.fields) return error;
  const fields: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) fields[path.replace(/\.\d+$/, "")] ??= message;
  return new ApiError(error.status, error.code, error.message, fields, error.requestId);
}
