import { createLeadRequestSchema } from "../../../../src/domain/leads";
import type { LeadSourceMapping, LeadSourceType } from "../../../../src/domain/leadSources";
import { normalizeAddress } from "../../../../src/domain/normalize/address";
import { parseOrThrow } from "../../http/validation";
import { mapPayload } from "./mapping";

/**
 * A delivery's payload → a validated, normalised lead (400 naming the fields it lacks or got wrong), its
 * event id and attribution. The same lead schema as the API and the SPA.
 */
export function leadFromPayload(type: LeadSourceType, mapping: LeadSourceMapping, payload: unknown, sourceName: string) {
  const mapped = mapPayload(type, payload, mapping);
  const { addressLine, ...fields } = mapped.lead as Record<string, unknown> & { addressLine?: string };
  if (addressLine) fields.address = normalizeAddress({ line: addressLine });
  fields.source ??= sourceName;
  const lead = parseOrThrow(createLeadRequestSchema, fields);
  return { lead, eventId: mapped.eventId, attribution: mapped.attribution };
}
