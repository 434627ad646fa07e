import type { Member } from "@/domain/orgs";
import { Field } from "@/ui/Field";
import { Select } from "@/ui/Input";

/** Who works the lead: any staff member of the org, or nobody. */
export function AssigneeSelect({ value, members, onChange }: { value: string | null; members: Member[]; onChange: (assigneeId: string | null) => void }) {
  const staff = members.filter((m) => m.role !== "investor");
  const known = value === null || staff.some((m) => m.userId === value);
  return (
    <Field label="Assignee">
      {(control) => (
        <Select {...control} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">Unassigned</option>
          {!known && <option value={value!}>Someone no longer in the org</option>}
          {staff.map((m) => <option key={m.userId} value={m.userId}>{m.fullName || m.email}</option>)}
        </Select>
      )}
    </Field>
  );
}
