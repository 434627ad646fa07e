import { useState } from "react";
import { UNARY_OPERATORS, type ConditionValue, type Operator, type WorkflowField } from "@/domain/workflows";
import { Input, Select } from "@/ui/Input";

interface RuleValueInputProps {
  field: WorkflowField;
  operator: Operator;
  value: ConditionValue | undefined;
  onChange: (value: ConditionValue | undefined) => void;
  invalid?: boolean;
  describedBy?: string;
}

const numberOrUndefined = (text: string) => (text.trim() === "" ? undefined : Number(text));

/** The value box of a condition rule, shaped by the field's type and the operator: none, a number, a date, a choice, a list. */
export function RuleValueInput({ field, operator, value, onChange, invalid, describedBy }: RuleValueInputProps) {
  const common = { "aria-label": "Value", "aria-invalid": invalid || undefined, "aria-describedby": describedBy };
  if (UNARY_OPERATORS.includes(operator)) return null;

  if (operator === "in" || operator === "not_in") {
    const list = Array.isArray(value) ? value : [];
    if (field.values) {
      return (
        <fieldset className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Values" aria-describedby={describedBy}>
          {field.values.map((v) => (
            <label key={v} className="inline-flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={list.includes(v)} onChange={(e) => onChange(e.target.checked ? [...list, v] : list.filter((x) => x !== v))} />
              {v}
            </label>
          ))}
        </fieldset>
      );
    }
    return <ListInput value={list} onChange={onChange} {...common} />;
  }

  if (field.type === "enum" && field.values) {
    return (
      <Select {...common} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">Choose…</option>
        {field.values.map((v) => <option key={v} value={v}>{v}</option>)}
      </Select>
    );
  }
  if (field.type === "number" || operator === "within_last_days" || operator === "not_within_last_days") {
    return <Input {...common} type="number" inputMode="decimal" value={typeof value === "number" ? value : ""} onChange={(e) => onChange(numberOrUndefined(e.target.value))} />;
  }
  if (operator === "before" || operator === "after") {
    return <Input {...common} type="date" value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value || undefined)} />;
  }
  return <Input {...common} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />;
}

/** Comma-separated values; keeps what is typed (a trailing comma included) while handing back the list. */
function ListInput({ value, onChange, ...aria }: { value: string[]; onChange: (v: string[]) => void; "aria-label": string; "aria-invalid"?: boolean; "aria-describedby"?: string }) {
  const [text, setText] = useState(value.join(", "));
  return (
    <Input
      {...aria}
      placeholder="a, b, c"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.split(",").map((s) => s.trim()).filter(Boolean));
      }}
    />
  );
}
