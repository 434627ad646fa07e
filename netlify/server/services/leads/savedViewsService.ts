import type { Selectable } from "kysely";
import type { SavedView } from "../../../../src/domain/leads";
import type { SavedViewsTable } from "../../db/schema";
import type { Tx } from "../../db/transactions";
import { notFound } from "../../http/errors";
import { isUuid } from "../../http/ids";

const COLUMNS = ["id", "name", "query", "shared", "ownerId", "createdAt"] as const;

const toDto = (r: Pick<Selectable<SavedViewsTable>, (typeof COLUMNS)[number]>, userId: string): SavedView => ({
  ...r,
  query: (r.query ?? {}) as SavedView["query"],
  mine: r.ownerId === userId,
  createdAt: new Date(r.createdAt).toISOString(),
});

// RLS decides visibility (own + shared) and who may change a view; these queries only name the org.

export async function listSavedViews(tx: Tx, orgId: string, userId: string): Promise<SavedView[]> {
  const rows = await tx.selectFrom("savedViews").select(COLUMNS).where("orgId", "=", orgId).orderBy("shared").orderBy("name").execute();
  return rows.map((r) => toDto(r, userId));
}

export async function createSavedView(tx: Tx, orgId: string, userId: string, input: { name: string; query: SavedView["query"]; shared: boolean }): Promise<SavedView> {
  const row = await tx.insertInto("savedViews").values({ orgId, ownerId: userId, name: input.name, query: input.query, shared: input.shared }).returning(COLUMNS).executeTakeFirstOrThrow();
  return toDto(row, userId);
}

export async function updateSavedView(tx: Tx, orgId: string, userId: string, id: string, patch: { name?: string; query?: SavedView["query"]; shared?: boolean }): Promise<SavedView> {
  if (!isUuid(id)) throw notFound("Saved view");
  const row = await tx.updateTable("savedViews").set(patch).where("orgId", "=", orgId).where("id", "=", id).returning(COLUMNS).executeTakeFirst();
  if (!row) throw notFound("Saved view");
  return toDto(row, userId);
}

export async function deleteSavedView(tx: Tx, orgId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound("Saved view");
  const res = await tx.deleteFrom("savedViews").where("orgId", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound("Saved view");
}
