import type { Selectable } from "kysely";
import type { Lead } from "../../../../src/domain/leads";
import type { LeadsTable } from "../../db/schema";

export type LeadRow = Selectable<LeadsTable>;

export function toLeadDto(row: LeadRow): Lead {
  return {
    id: row.id,
    orgId: row.orgId,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    source: row.source,
    status: row.status as Lead["status"],
    tags: row.tags ?? [],
    assigneeId: row.assigneeId,
    notes: row.notes,
    address: { street: row.street, city: row.city, state: row.state, zip: row.zip },
    attribution: row.attribution ?? {},
    score: row.score === null ? null : Number(row.score),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** API fields → columns, for the fields present in a create or patch body. */
export function leadColumns(input: {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  source?: string | null;
  status?: string;
  tags?: string[];
  assigneeId?: string | null;
  notes?: string | null;
  address?: { street?: string | null; city?: string | null; state?: string | null; zip?: string | null };
}) {
  const { address, ...rest } = input;
  const columns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) columns[key] = value;
  if (address) for (const [key, value] of Object.entries(address)) if (value !== undefined) columns[key] = value;
  return columns as Partial<Omit<LeadRow, "id" | "orgId" | "createdAt" | "updatedAt" | "attribution" | "addressKey" | "searchVector" | "score" | "deletedAt" | "deletedBy">>;
}
