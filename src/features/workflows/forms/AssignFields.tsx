import { Controller, useWatch } from "react-hook-form";
import { Field } from "@/ui/Field";
import { Select } from "@/ui/Input";
import { errorOf, memberName, RadioGroup, type FieldsProps } from "./formKit";

/** Who gets the lead: the org's assignment rules, a round robin over chosen agents, or one agent. */
export function AssignFields({ form, lookups }: FieldsProps) {
  const { register, control } = form;
  const mode = useWatch({ control, name: "mode" }) as string;
  return (
    <div className="space-y-4">
      <RadioGroup
        legend="Assign"
        registration={register("mode")}
        options={[{ value: "rules", label: "By the assignment rules" }, { value: "round_robin", label: "Round robin" }, { value: "user", label: "To one agent" }]}
      />
      {mode === "round_robin" && (
        <Controller
          control={control}
          name="userIds"
          render={({ field }) => {
            const ids = Array.isArray(field.value) ? (field.value as string[]) : [];
            const error = errorOf(form, "userIds");
            return (
              <fieldset className="space-y-1.5" aria-describedby={error ? "assign-userIds-error" : undefined}>
                <legend className="mb-1 text-sm font-medium text-zinc-700 dark:text-zinc-300">Agents</legend>
                {lookups.members.map((m) => (
                  <label key={m.userId} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" checked={ids.includes(m.userId)} onChange={(e) => field.onChange(e.target.checked ? [...ids, m.userId] : ids.filter((x) => x !== m.userId))} />
                    {memberName(m)}
                  </label>
                ))}
                {error && <p id="assign-userIds-error" className="text-xs font-medium text-red-600 dark:text-red-400">{error}</p>}
              </fieldset>
            );
          }}
        />
      )}
      {mode === "user" && (
        <Field label="Agent" error={errorOf(form, "userId")}>
          {(c) => (
            <Select {...c} {...register("userId")}>
              <option value="">Choose…</option>
              {lookups.members.map((m) => <option key={m.userId} value={m.userId}>{memberName(m)}</option>)}
            </Select>
          )}
        </Field>
      )}
    </div>
  );
}
