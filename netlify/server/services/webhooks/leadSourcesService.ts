import { randomBytes } from "node:crypto";
import type { Selectable } from "kysely";
import type { CreateLeadSourceRequest, LeadSource, LeadSourceMapping, LeadSourceType, LeadSourceWithSecret } from "../../../../src/domain/leadSources";
import type { WebhookSourcesTable } from "../../db/schema";
import type { Tx } from "../../db/transactions";
import { notFound } from "../../http/errors";
import { isUuid } from "../../http/ids";

// Every column but the secret, which the API roles can't read anyway (column grants).
const PUBLIC_COLUMNS = ["id", "name", "type", "mapping", "enabled", "rateLimitPerMinute", "createdAt", "updatedAt"] as const;

type Row = Pick<Selectable<WebhookSourcesTable>, (typeof PUBLIC_COLUMNS)[number]>;

export const newSigningSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;

function toDto(row: Row): LeadSource {
  return {
    id: row.id,
    name: row.name,
    type: row.type as LeadSourceType,
    mapping: (row.mapping ?? {}) as LeadSourceMapping,
    enabled: row.enabled,
    rateLimitPerMinute: row.rateLimitPerMinute,
    webhookPath: `/api/webhooks/leads/${row.id}`,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export async function listLeadSources(tx: Tx, orgId: string): Promise<LeadSource[]> {
  const rows = await tx.selectFrom("webhookSources").select(PUBLIC_COLUMNS).where("orgId", "=", orgId).orderBy("createdAt").execute();
  return rows.map(toDto);
}

/** The secret is returned here and on rotation only; it is never readable again. */
export async function createLeadSource(tx: Tx, orgId: string, input: Required<CreateLeadSourceRequest>): Promise<LeadSourceWithSecret> {
  const secret = newSigningSecret();
  const row = await tx
    .insertInto("webhookSources")
    .values({ orgId, name: input.name, type: input.type, mapping: input.mapping, enabled: input.enabled, rateLimitPerMinute: input.rateLimitPerMinute, signingSecret: secret })
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow();
  return { ...toDto(row), secret };
}

export async function updateLeadSource(
  tx: Tx,
  orgId: string,
  id: string,
  patch: { name?: string; type?: LeadSourceType; mapping?: LeadSourceMapping; enabled?: boolean; rateLimitPerMinute?: number },
): Promise<LeadSource> {
  if (!isUuid(id)) throw notFound("Lead source");
  const { mapping, ...rest } = patch;
  const row = await tx
    .updateTable("webhookSources")
    .set({ ...rest, ...(mapping ? { mapping: mapping } : {}) })
    .where("orgId", "=", orgId)
    .where("id", "=", id)
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst();
  if (!row) throw notFound("Lead source");
  return toDto(row);
}

/** A new secret; the old one stops working at once. */
export async function rotateLeadSourceSecret(tx: Tx, orgId: string, id: string): Promise<LeadSourceWithSecret> {
  if (!isUuid(id)) throw notFound("Lead source");
  const secret = newSigningSecret();
  const row = await tx
    .updateTable("webhookSources")
    .set({ signingSecret: secret })
    .where("orgId", "=", orgId)
    .where("id", "=", id)
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst();
  if (!row) throw notFound("Lead source");
  return { ...toDto(row), secret };
}
