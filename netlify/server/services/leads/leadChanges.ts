import type { LeadRow } from "./leadDto";

const TRACKED = ["firstName", "lastName", "email", "phone", "source", "status", "tags", "assigneeId", "notes", "street", "city", "state", "zip"] as const;

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** The before/after of every tracked field that a patch really changed (tags compared as sets). */
export function diffLead(before: LeadRow, after: LeadRow): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of TRACKED) {
    const a = before[field];
    const b = after[field];
    const same = Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x) => b.includes(x)) : a === b;
    if (!same) changes[field] = { from: a ?? null, to: b ?? null };
  }
  return changes;
}
