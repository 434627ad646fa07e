import { Plus, Trash2 } from "lucide-react";
import { useId } from "react";
import {
  conditionRuleSchema,
  fieldByPath,
  isGroup,
  OPERATOR_LABELS,
  OPERATORS_BY_TYPE,
  UNARY_OPERATORS,
  WORKFLOW_FIELDS,
  type ConditionGroup,
  type ConditionRule,
  type ConditionValue,
  type Operator,
  type WorkflowFieldPath,
} from "@/domain/workflows";
import { cn } from "@/lib/cn";
import { Button } from "@/ui/Button";
import { Select } from "@/ui/Input";
import { RuleValueInput } from "./RuleValueInput";

const MAX_DEPTH = 3;

/** The value a rule starts with for a field and operator: nothing for "is empty", a list for "is one of", the first choice of an enum. */
function startingValue(path: string, operator: Operator): ConditionValue | undefined {
  const field = fieldByPath(path);
  if (!field || UNARY_OPERATORS.includes(operator)) return undefined;
  if (operator === "in" || operator === "not_in") return [];
  return field.type === "enum" && field.values ? field.values[0] : undefined;
}

export function newRule(path: WorkflowFieldPath = "lead.status"): ConditionRule {
  const field = fieldByPath(path)!;
  const operator = OPERATORS_BY_TYPE[field.type][0];
  const value = startingValue(path, operator);
  return { field: path, operator, ...(value === undefined ? {} : { value }) };
}

/** What is wrong with a rule, in words ("Value is required"), or null. */
function ruleProblem(rule: ConditionRule): string | null {
  const parsed = conditionRuleSchema.safeParse(rule);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return issue.path[0] === "value" ? `Value ${issue.message}` : issue.message;
}

export interface ConditionGroupEditorProps {
  value: ConditionGroup;
  onChange: (group: ConditionGroup) => void;
  /** The group's accessible name ("Conditions", "Branch conditions"). */
  label?: string;
  depth?: number;
  onRemove?: () => void;
}

/** An AND/OR group of rules (field, operator, value) and nested groups; each rule shows what is wrong with it. */
export function ConditionGroupEditor({ value, onChange, label = "Conditions", depth = 0, onRemove }: ConditionGroupEditorProps) {
  const setRule = (i: number, next: ConditionRule | ConditionGroup) => onChange({ ...value, rules: value.rules.map((r, j) => (j === i ? next : r)) });
  const removeRule = (i: number) => onChange({ ...value, rules: value.rules.filter((_, j) => j !== i) });
  return (
    <fieldset aria-label={label} className={cn("space-y-2", depth > 0 && "rounded-md border border-zinc-200 bg-zinc-50/60 p-2.5 dark:border-zinc-700 dark:bg-zinc-900/40")}>
      <div className="flex items-center gap-2">
        <Select aria-label="Match" className="h-8! w-auto! text-xs" value={value.op} onChange={(e) => onChange({ ...value, op: e.target.value as "and" | "or" })}>
          <option value="and">All of (AND)</option>
          <option value="or">Any of (OR)</option>
        </Select>
        {onRemove && (
          <Button size="sm" variant="ghost" className="ml-auto" onClick={onRemove} aria-label="Remove group">
            <Trash2 className="size-3.5" aria-hidden="true" /> Group
          </Button>
        )}
      </div>
      {value.rules.length === 0 && <p className="text-xs text-zinc-500 dark:text-zinc-400">{value.op === "and" ? "No rules: always true." : "No rules: never true."}</p>}
      <ol className="space-y-2">
        {value.rules.map((rule, i) => (
          <li key={i}>
            {isGroup(rule) ? (
              <ConditionGroupEditor value={rule} onChange={(g) => setRule(i, g)} label={`${label}, group ${i + 1}`} depth={depth + 1} onRemove={() => removeRule(i)} />
            ) : (
              <RuleRow rule={rule} index={i} onChange={(r) => setRule(i, r)} onRemove={() => removeRule(i)} />
            )}
          </li>
        ))}
      </ol>
      <div className="flex gap-2">
        <Button size="sm" variant="secondary" onClick={() => onChange({ ...value, rules: [...value.rules, newRule()] })}>
          <Plus className="size-3.5" aria-hidden="true" /> Rule
        </Button>
        {depth < MAX_DEPTH - 1 && (
          <Button size="sm" variant="ghost" onClick={() => onChange({ ...value, rules: [...value.rules, { op: value.op === "and" ? "or" : "and", rules: [newRule()] }] })}>
            <Plus className="size-3.5" aria-hidden="true" /> Group
          </Button>
        )}
      </div>
    </fieldset>
  );
}

function RuleRow({ rule, index, onChange, onRemove }: { rule: ConditionRule; index: number; onChange: (r: ConditionRule) => void; onRemove: () => void }) {
  const errorId = useId();
  const field = fieldByPath(rule.field);
  const problem = ruleProblem(rule);
  const operators = field ? OPERATORS_BY_TYPE[field.type] : [];
  const setField = (path: WorkflowFieldPath) => {
    const next = fieldByPath(path)!;
    const operator = OPERATORS_BY_TYPE[next.type].includes(rule.operator) ? rule.operator : OPERATORS_BY_TYPE[next.type][0];
    const value = next.type === field?.type && operator === rule.operator ? rule.value : startingValue(path, operator);
    onChange({ field: path, operator, ...(value === undefined ? {} : { value }) });
  };
  const setOperator = (operator: Operator) => {
    const keep = !UNARY_OPERATORS.includes(operator) && Array.isArray(rule.value) === (operator === "in" || operator === "not_in");
    const value = keep ? rule.value : startingValue(rule.field, operator);
    onChange({ field: rule.field, operator, ...(value === undefined ? {} : { value }) });
  };
  return (
    <div role="group" aria-label={`Rule ${index + 1}`} className="space-y-1.5 rounded-md border border-zinc-200 p-2 dark:border-zinc-700">
      <div className="grid grid-cols-[1fr_auto] gap-1.5">
        <Select aria-label="Field" className="h-8! text-xs" value={rule.field} onChange={(e) => setField(e.target.value as WorkflowFieldPath)}>
          {WORKFLOW_FIELDS.map((f) => <option key={f.path} value={f.path}>{f.label}</option>)}
        </Select>
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove rule ${index + 1}`} title="Remove rule">
          <Trash2 className="size-3.5" aria-hidden="true" />
        </Button>
      </div>
      <Select aria-label="Operator" className="h-8! text-xs" value={rule.operator} onChange={(e) => setOperator(e.target.value as Operator)}>
        {operators.map((op) => <option key={op} value={op}>{OPERATOR_LABELS[op]}</option>)}
      </Select>
      {field && <RuleValueInput field={field} operator={rule.operator} value={rule.value} onChange={(v) => onChange({ field: rule.field, operator: rule.operator, ...(v === undefined ? {} : { value: v }) })} invalid={Boolean(problem)} describedBy={problem ? errorId : undefined} />}
      {problem && <p id={errorId} className="text-xs font-medium text-red-600 dark:text-red-400">{problem}</p>}
    </div>
  );
}
