import type { Lead } from "@/domain/leads";
import { MERGE_FIELDS } from "@/domain/leadWork";
import { formatPhone } from "@/lib/format";
import type { MergeKeep } from "../leadDetailApi";
import { LEAD_STATUS_LABELS } from "../leadStatus";

export type MergeField = (typeof MERGE_FIELDS)[number];
export type Side = "this" | "other";

export interface MergeChoice {
  field: MergeField;
  label: string;
  thisValue: string;
  otherValue: string;
  /** Whose value survives unless the user says otherwise: this lead's, or the other's when this one has none. */
  preferred: Side;
}

const LABELS: Record<MergeField, string> = {
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  phone: "Phone",
  source: "Source",
  status: "Status",
  assigneeId: "Assignee",
  notes: "Notes",
  address: "Property address",
};

function display(lead: Lead, field: MergeField, memberName: (id: string) => string): string {
  switch (field) {
    case "address":
      return [lead.address.street, lead.address.city, lead.address.state, lead.address.zip].filter(Boolean).join(", ");
    case "phone":
      return lead.phone ? formatPhone(lead.phone) : "";
    case "status":
      return LEAD_STATUS_LABELS[lead.status];
    case "assigneeId":
      return lead.assigneeId ? memberName(lead.assigneeId) : "";
    default:
      return lead[field] ?? "";
  }
}

/** The fields on which two leads differ, each with both values as shown and the side that survives by default. */
export function mergeChoices(self: Lead, other: Lead, memberName: (id: string) => string = (id) => id): MergeChoice[] {
  const choices: MergeChoice[] = [];
  for (const field of MERGE_FIELDS) {
    const thisValue = display(self, field, memberName);
    const otherValue = display(other, field, memberName);
    if (thisValue === otherValue) continue;
    choices.push({ field, label: LABELS[field], thisValue, otherValue, preferred: thisValue === "" ? "other" : "this" });
  }
  return choices;
}

/** The API's `keep`: only the fields whose surviving value is the other lead's. */
export function keepFromSelection(selection: Partial<Record<MergeField, Side>>): MergeKeep {
  return Object.fromEntries(Object.entries(selection).filter(([, side]) => side === "other")) as MergeKeep;
}
