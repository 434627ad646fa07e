import type { ImportMapping } from "../../../../src/domain/imports";
import { createLeadRequestSchema } from "../../../../src/domain/leads";
import { normalizeAddress } from "../../../../src/domain/normalize/address";
import { fieldErrors } from "../../http/validation";
import { mapPayload } from "../webhooks/mapping";

export type RowResult = { ok: true; lead: ReturnType<typeof createLeadRequestSchema.parse> } | { ok: false; errors: Record<string, string> };

/**
 * One CSV row → a validated, normalised lead, with the same rules as every other way in (names split,
 * phone to E.164, one-line addresses split, …), or the errors naming each bad field.
 */
export function rowToLead(row: Record<string, string>, mapping: ImportMapping, defaultSource: string): RowResult {
  // Values keyed by lead field, then read through the webhook mapper so both paths normalise alike.
  const byTarget: Record<string, string> = {};
  for (const [target, header] of Object.entries(mapping)) {
    const value = row[header];
    if (value !== undefined && value.trim() !== "") byTarget[target] = value;
  }
  const identity = Object.fromEntries(Object.keys(byTarget).map((k) => [k, k]));
  const { lead: mapped } = mapPayload("custom", byTarget, identity);
  const { addressLine, ...fields } = mapped as Record<string, unknown> & { addressLine?: string };
  if (addressLine && !fields.address) fields.address = normalizeAddress({ line: addressLine });
  fields.source ??= defaultSource;
  const parsed = createLeadRequestSchema.safeParse(fields);
  return parsed.success ? { ok: true, lead: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}
