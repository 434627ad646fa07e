import { sql } from "kysely";
import type { OpportunityCard } from "../../../../src/domain/pipeline";
import type { Tx } from "../../db/transactions";
import { numberOrNull } from "../../db/numeric";

const isoDate = (v: unknown) => (v === null || v === undefined ? null : typeof v === "string" ? v.slice(0, 10) : (v as Date).toISOString().slice(0, 10));

/** The columns a card needs, joined to its property and owner; `index` is its 0-based place in its column. */
export function cardQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom("opportunities as o")
    .leftJoin("properties as pr", "pr.id", "o.propertyId")
    .leftJoin("profiles as ow", "ow.id", "o.ownerId")
    .select([
      "o.id",
      "o.title",
      "o.stageId",
      "o.position",
      "o.version",
      "o.value",
      "o.probability",
      sql<string | null>`to_char(o.expected_close_date, 'YYYY-MM-DD')`.as("expectedCloseDate"),
      "o.ownerId",
      sql<string | null>`coalesce(ow.full_name, ow.email)`.as("ownerName"),
      "o.leadId",
      "pr.propertyType",
      "pr.city",
      "pr.state",
      "pr.zip",
      "o.stageEnteredAt",
      "o.createdAt",
    ])
    .where("o.orgId", "=", orgId);
}

type CardRow = Awaited<ReturnType<ReturnType<typeof cardQuery>["execute"]>>[number];

export function toCard(r: CardRow, index: number): OpportunityCard {
  return {
    id: r.id,
    title: r.title,
    stageId: r.stageId,
    position: index,
    version: r.version,
    value: numberOrNull(r.value),
    probability: numberOrNull(r.probability),
    expectedCloseDate: isoDate(r.expectedCloseDate),
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    leadId: r.leadId,
    propertyType: r.propertyType,
    city: r.city,
    state: r.state,
    zip: r.zip,
    stageEnteredAt: new Date(r.stageEnteredAt).toISOString(),
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/** One card with its index in its column. */
export async function loadCard(tx: Tx, orgId: string, id: string): Promise<OpportunityCard | undefined> {
  const row = await cardQuery(tx, orgId).where("o.id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const before = await tx
    .selectFrom("opportunities")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("orgId", "=", orgId)
    .where("stageId", "=", row.stageId)
    .where(sql<boolean>`(position, id) < (${row.position}::float8, ${row.id}::uuid)`)
    .executeTakeFirstOrThrow();
  return toCard(row, Number(before.n));
}

