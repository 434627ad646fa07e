import { z } from "zod";

// Workflow conditions: a tree of AND/OR groups over the fields of a workflow's subject (the lead, its property and
// enrichment, its deal). Pure and isomorphic: the engine evaluates it, the builder edits it with the same schema.

export const FIELD_TYPES = ["string", "number", "date", "enum", "tags", "boolean"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** What a field belongs to: conditions on a deal's fields need a subject that has a deal. */
export type FieldScope = "lead" | "property" | "enrichment" | "opportunity";

export interface WorkflowField {
  path: string;
  label: string;
  type: FieldType;
  scope: FieldScope;
  /** For enum fields: the allowed values. */
  values?: readonly string[];
}

const LEAD_STATUS_VALUES = ["new", "contacted", "qualified", "nurturing", "unqualified", "converted", "dead"] as const;

/** Every field a condition may test, with its type (which decides the operators) and its scope. */
export const WORKFLOW_FIELDS = [
  { path: "lead.status", label: "Lead status", type: "enum", scope: "lead", values: LEAD_STATUS_VALUES },
  { path: "lead.source", label: "Lead source", type: "string", scope: "lead" },
  { path: "lead.tags", label: "Lead tags", type: "tags", scope: "lead" },
  { path: "lead.score", label: "Lead score", type: "number", scope: "lead" },
  { path: "lead.firstName", label: "First name", type: "string", scope: "lead" },
  { path: "lead.lastName", label: "Last name", type: "string", scope: "lead" },
  { path: "lead.email", label: "Email", type: "string", scope: "lead" },
  { path: "lead.phone", label: "Phone", type: "string", scope: "lead" },
  { path: "lead.city", label: "City", type: "string", scope: "lead" },
  { path: "lead.state", label: "State", type: "string", scope: "lead" },
  { path: "lead.zip", label: "ZIP code", type: "string", scope: "lead" },
  { path: "lead.assigneeId", label: "Assigned agent", type: "string", scope: "lead" },
  { path: "lead.createdAt", label: "Lead created", type: "date", scope: "lead" },
  { path: "lead.updatedAt", label: "Lead updated", type: "date", scope: "lead" },
  { path: "lead.lastContactedAt", label: "Last message sent", type: "date", scope: "lead" },
  { path: "lead.lastRepliedAt", label: "Last reply", type: "date", scope: "lead" },
  { path: "property.propertyType", label: "Property type", type: "string", scope: "property" },
  { path: "property.beds", label: "Bedrooms", type: "number", scope: "property" },
  { path: "property.sqft", label: "Square feet", type: "number", scope: "property" },
  { path: "property.estimatedValue", label: "Estimated value", type: "number", scope: "property" },
  { path: "enrichment.phoneValid", label: "Phone is valid", type: "boolean", scope: "enrichment" },
  { path: "enrichment.phoneType", label: "Phone type", type: "string", scope: "enrichment" },
  { path: "enrichment.emailValid", label: "Email is valid", type: "boolean", scope: "enrichment" },
  { path: "enrichment.marketValue", label: "Market value (enriched)", type: "number", scope: "enrichment" },
  { path: "opportunity.stageName", label: "Deal stage", type: "string", scope: "opportunity" },
  { path: "opportunity.value", label: "Deal value", type: "number", scope: "opportunity" },
  { path: "opportunity.status", label: "Deal status", type: "enum", scope: "opportunity", values: ["open", "won", "lost"] },
  { path: "opportunity.stageEnteredAt", label: "Entered its stage", type: "date", scope: "opportunity" },
] as const satisfies readonly WorkflowField[];

export type WorkflowFieldPath = (typeof WORKFLOW_FIELDS)[number]["path"];
export const WORKFLOW_FIELD_PATHS = WORKFLOW_FIELDS.map((f) => f.path) as [WorkflowFieldPath, ...WorkflowFieldPath[]];
const FIELD_BY_PATH = new Map<string, WorkflowField>(WORKFLOW_FIELDS.map((f) => [f.path, f]));
export const fieldByPath = (path: string): WorkflowField | undefined => FIELD_BY_PATH.get(path);

export const OPERATORS = [
  "equals",
  "not_equals",
  "in",
  "not_in",
  "contains",
  "not_contains",
  "starts_with",
  "gt",
  "gte",
  "lt",
  "lte",
  "within_last_days",
  "not_within_last_days",
  "before",
  "after",
  "is_empty",
  "is_not_empty",
  "is_true",
  "is_false",
] as const;
export type Operator = (typeof OPERATORS)[number];

/** The operators that fit each field type. */
export const OPERATORS_BY_TYPE: Record<FieldType, readonly Operator[]> = {
  string: ["equals", "not_equals", "in", "not_in", "contains", "not_contains", "starts_with", "is_empty", "is_not_empty"],
  number: ["equals", "not_equals", "gt", "gte", "lt", "lte", "is_empty", "is_not_empty"],
  date: ["within_last_days", "not_within_last_days", "before", "after", "is_empty", "is_not_empty"],
  enum: ["equals", "not_equals", "in", "not_in"],
  tags: ["contains", "not_contains", "is_empty", "is_not_empty"],
  boolean: ["is_true", "is_false", "is_empty"],
};

/** Operators that take no value. */
export const UNARY_OPERATORS: readonly Operator[] = ["is_empty", "is_not_empty", "is_true", "is_false"];

export const OPERATOR_LABELS: Record<Operator, string> = {
  equals: "is",
  not_equals: "is not",
  in: "is one of",
  not_in: "is none of",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  gt: "is greater than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  within_last_days: "is within the last (days)",
  not_within_last_days: "is not within the last (days)",
  before: "is before",
  after: "is after",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  is_true: "is true",
  is_false: "is false",
};

const conditionValueSchema = z.union([z.string().max(500), z.number().finite(), z.array(z.string().max(200)).max(100)]);
export type ConditionValue = z.infer<typeof conditionValueSchema>;

export const conditionRuleSchema = z
  .object({
    field: z.enum(WORKFLOW_FIELD_PATHS),
    operator: z.enum(OPERATORS),
    value: conditionValueSchema.optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const field = fieldByPath(rule.field)!;
    if (!OPERATORS_BY_TYPE[field.type].includes(rule.operator)) {
      ctx.addIssue({ code: "custom", path: ["operator"], message: `"${OPERATOR_LABELS[rule.operator]}" does not apply to ${field.label} (${field.type})` });
      return;
    }
    const problem = valueProblem(field, rule.operator, rule.value);
    if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
  });
export type ConditionRule = z.infer<typeof conditionRuleSchema>;

export interface ConditionGroup {
  op: "and" | "or";
  rules: Array<ConditionRule | ConditionGroup>;
}

export const conditionGroupSchema: z.ZodType<ConditionGroup> = z.lazy(() =>
  z
    .object({
      op: z.enum(["and", "or"]),
      rules: z.array(z.union([conditionRuleSchema, conditionGroupSchema])).max(50),
    })
    .strict(),
);

export const isGroup = (r: ConditionRule | ConditionGroup): r is ConditionGroup => "op" in r;

function valueProblem(field: WorkflowField, op: Operator, value: ConditionValue | undefined): string | null {
  if (UNARY_OPERATORS.includes(op)) return value === undefined || value === "" ? null : "takes no value";
  if (value === undefined || (typeof value === "string" && value.trim() === "")) return "is required";
  if (op === "in" || op === "not_in") {
    if (!Array.isArray(value) || value.length === 0) return "must be a list of at least one value";
    if (field.type === "enum" && field.values) {
      const bad = value.find((v) => !field.values!.includes(v));
      if (bad !== undefined) return `"${bad}" is not one of ${field.values.join(", ")}`;
    }
    return null;
  }
  if (Array.isArray(value)) return "must be a single value";
  if (field.type === "number" || op === "within_last_days" || op === "not_within_last_days") {
    const n = typeof value === "number" ? value : Number(value);
    if (!Number.isFinite(n)) return "must be a number";
    if ((op === "within_last_days" || op === "not_within_last_days") && (n < 0 || n > 3650)) return "must be between 0 and 3650 days";
    return null;
  }
  if (op === "before" || op === "after") return Number.isNaN(Date.parse(String(value))) ? "must be a date (YYYY-MM-DD)" : null;
  if (field.type === "enum" && field.values && !field.values.includes(String(value))) return `must be one of ${field.values.join(", ")}`;
  return null;
}

/** The values a condition is tested against: field path → value (null when unknown). */
export type SubjectSnapshot = Partial<Record<WorkflowFieldPath, string | number | boolean | string[] | null>>;

const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
const lower = (v: unknown) => String(v).toLowerCase();
const DAY_MS = 86_400_000;

/** One rule against a snapshot. Text comparisons ignore case; a missing value fails every test but "is empty". */
export function evaluateRule(rule: ConditionRule, subject: SubjectSnapshot, now: Date = new Date()): boolean {
  const actual = subject[rule.field as WorkflowFieldPath];
  const field = fieldByPath(rule.field);
  const expected = rule.value;
  switch (rule.operator) {
    case "is_empty":
      return isEmpty(actual);
    case "is_not_empty":
      return !isEmpty(actual);
    case "is_true":
      return actual === true;
    case "is_false":
      return actual === false;
  }
  if (isEmpty(actual)) return rule.operator === "not_equals" || rule.operator === "not_in" || rule.operator === "not_contains" || rule.operator === "not_within_last_days";
  switch (rule.operator) {
    case "equals":
      return field?.type === "number" ? Number(actual) === Number(expected) : lower(actual) === lower(expected);
    case "not_equals":
      return field?.type === "number" ? Number(actual) !== Number(expected) : lower(actual) !== lower(expected);
    case "in":
      return (expected as string[]).some((v) => lower(v) === lower(actual));
    case "not_in":
      return !(expected as string[]).some((v) => lower(v) === lower(actual));
    case "contains":
      return Array.isArray(actual) ? actual.some((t) => lower(t) === lower(expected)) : lower(actual).includes(lower(expected));
    case "not_contains":
      return Array.isArray(actual) ? !actual.some((t) => lower(t) === lower(expected)) : !lower(actual).includes(lower(expected));
    case "starts_with":
      return lower(actual).startsWith(lower(expected));
    case "gt":
      return Number(actual) > Number(expected);
    case "gte":
      return Number(actual) >= Number(expected);
    case "lt":
      return Number(actual) < Number(expected);
    case "lte":
      return Number(actual) <= Number(expected);
    case "within_last_days":
    case "not_within_last_days": {
      const at = Date.parse(String(actual));
      const within = now.getTime() - at <= Number(expected) * DAY_MS && at <= now.getTime() + 60_000;
      return rule.operator === "within_last_days" ? within : !within;
    }
    case "before":
      return Date.parse(String(actual)) < Date.parse(String(expected));
    case "after":
      return Date.parse(String(actual)) > Date.parse(String(expected));
  }
  return false;
}

/** A group: AND of its rules (true when empty) or OR of its rules (false when empty). */
export function evaluateConditions(group: ConditionGroup, subject: SubjectSnapshot, now: Date = new Date()): boolean {
  const test = (r: ConditionRule | ConditionGroup) => (isGroup(r) ? evaluateConditions(r, subject, now) : evaluateRule(r, subject, now));
  return group.op === "and" ? group.rules.every(test) : group.rules.some(test);
}

/** Every field a condition tree tests (for validation against what the subject has). */
export function fieldsUsed(group: ConditionGroup): string[] {
  const out = new Set<string>();
  const walk = (g: ConditionGroup) => {
    for (const r of g.rules) {
      if (isGroup(r)) walk(r);
      else out.add(r.field);
    }
  };
  walk(group);
  return [...out];
}

/** "Lead status is one of new, contacted AND score is at least 50" — for node cards and dry runs. */
export function describeConditions(group: ConditionGroup): string {
  if (group.rules.length === 0) return group.op === "and" ? "always" : "never";
  const parts = group.rules.map((r) => {
    if (isGroup(r)) return `(${describeConditions(r)})`;
    const f = fieldByPath(r.field);
    const value = r.value === undefined ? "" : ` ${Array.isArray(r.value) ? r.value.join(", ") : r.value}`;
    return `${f?.label ?? r.field} ${OPERATOR_LABELS[r.operator]}${value}`;
  });
  return parts.join(group.op === "and" ? " AND " : " OR ");
}
