import type { Selectable } from "kysely";
import type { LeadForm } from "../../../../src/domain/leadForms";
import type { LeadFormsTable } from "../../db/schema";
import type { Tx } from "../../db/transactions";
import { conflict, notFound } from "../../http/errors";
import { isUuid } from "../../http/ids";


function toDto(r: Selectable<LeadFormsTable>): LeadForm {
  return { id: r.id, name: r.name, slug: r.slug, headline: r.headline, enabled: r.enabled, publicPath: `/f/${r.slug}`, createdAt: new Date(r.createdAt).toISOString() };
}

export async function listLeadForms(tx: Tx, orgId: string): Promise<LeadForm[]> {
  return (await tx.selectFrom("leadForms").selectAll().where("orgId", "=", orgId).orderBy("createdAt").execute()).map(toDto);
}

export async function createLeadForm(tx: Tx, orgId: string, input: { name: string; slug: string; headline?: string | null; enabled: boolean }): Promise<LeadForm> {
  // Slugs are global (they are public URLs); checked first so the answer names the field.
  const taken = await tx.selectFrom("leadForms").select("id").where("slug", "=", input.slug).executeTakeFirst();
  if (taken) throw conflict("slug_taken", "That form address is taken", { slug: "is already taken" });
  try {
    const row = await tx.insertInto("leadForms").values({ orgId, ...input }).returningAll().executeTakeFirstOrThrow();
    return toDto(row);
  } catch (err) {
    // Another org's form may hold the slug while being invisible to us under RLS.
    if ((err as { code?: string }).code === "23505") throw conflict("slug_taken", "That form address is taken", { slug: "is already taken" });
    throw err;
  }
}

export async function updateLeadForm(tx: Tx, orgId: string, id: string, patch: { name?: string; headline?: string | null; enabled?: boolean }): Promise<LeadForm> {
  if (!isUuid(id)) throw notFound("Form");
  const row = await tx.updateTable("leadForms").set(patch).where("orgId", "=", orgId).where("id", "=", id).returningAll().executeTakeFirst();
  if (!row) throw notFound("Form");
  return toDto(row);
}
