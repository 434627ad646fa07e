import { sql } from "kysely";
import type { CreateInvestorRequest, Investor, InvestorActivity, InvestorProfile, PortfolioSummary, UpdateInvestorRequest } from "../../../../src/domain/investors";
import type { Page } from "../../../../src/domain/leads";
import type { Tx } from "../../db/transactions";
import { notFound, validationFailed } from "../../http/errors";
import { isUuid } from "../../http/ids";
import { decodeListCursor, encodeListCursor } from "../leads/listCursor";
import { investorColumns, toInvestor } from "./investorDto";

export interface InvestorListQuery {
  q?: string;
  accreditationStatus?: string;
  propertyType?: string;
  state?: string;
  minCapital?: number;
  limit: number;
  cursor?: string;
}

const NAME = sql<string>`lower(first_name || ' ' || coalesce(last_name, ''))`;

/** The org's investors by name, filtered; keyset-paginated on (name, id). */
export async function listInvestors(tx: Tx, orgId: string, q: InvestorListQuery): Promise<Page<Investor>> {
  let query = tx.selectFrom("investors").selectAll().select(NAME.as("sortName")).where("orgId", "=", orgId);
  if (q.q) {
    const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb(NAME, "like", like), eb(sql`lower(coalesce(email, ''))`, "like", like), eb(sql`lower(coalesce(company, ''))`, "like", like)]));
  }
  if (q.accreditationStatus) query = query.where("accreditationStatus", "=", q.accreditationStatus);
  if (q.propertyType) query = query.where(sql<boolean>`${q.propertyType} = any (property_types)`);
  if (q.state) query = query.where(sql<boolean>`${q.state} = any (market_states)`);
  if (q.minCapital !== undefined) query = query.where("capitalAvailable", ">=", String(q.minCapital));
  if (q.cursor) {
    const after = decodeListCursor(q.cursor, "investor:name");
    query = query.where(sql<boolean>`(${NAME}, id) > (${after.value}, ${after.id}::uuid)`);
  }
  const rows = await query.orderBy(NAME).orderBy("id").limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(toInvestor),
    nextCursor: rows.length > q.limit && last ? encodeListCursor({ sort: "investor:name", value: last.sortName, id: last.id }) : null,
  };
}

export async function requireInvestor(tx: Tx, orgId: string, id: string): Promise<Investor> {
  if (!isUuid(id)) throw notFound("Investor");
  const row = await tx.selectFrom("investors").selectAll().where("orgId", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Investor");
  return toInvestor(row);
}

/** A portal login must be a member of the org with the investor role (400 naming userId otherwise). */
async function assertInvestorMember(tx: Tx, orgId: string, userId: string | null | undefined) {
  if (!userId) return;
  const m = await tx.selectFrom("orgMembers").select("userId").where("orgId", "=", orgId).where("userId", "=", userId).where("role", "=", "investor").executeTakeFirst();
  if (!m) throw validationFailed({ userId: "must be a member of this org with the investor role" });
}

export async function createInvestor(tx: Tx, orgId: string, input: CreateInvestorRequest): Promise<Investor> {
  await assertInvestorMember(tx, orgId, input.userId);
  const row = await tx.insertInto("investors").values({ orgId, preferences: {}, ...investorColumns(input) } as never).returningAll().executeTakeFirstOrThrow();
  return toInvestor(row);
}

export async function updateInvestor(tx: Tx, orgId: string, id: string, patch: UpdateInvestorRequest): Promise<Investor> {
  await requireInvestor(tx, orgId, id);
  await assertInvestorMember(tx, orgId, patch.userId);
  const row = await tx.updateTable("investors").set(investorColumns(patch)).where("orgId", "=", orgId).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
  return toInvestor(row);
}

/** The investor with their portfolio (investments, returns) and history (deals shared, their answers, notes). */
export async function getInvestorProfile(tx: Tx, orgId: string, id: string): Promise<InvestorProfile> {
  const investor = await requireInvestor(tx, orgId, id);
  const [investments, shares, notes] = await Promise.all([
    tx
      .selectFrom("investments as v")
      .leftJoin("opportunities as o", "o.id", "v.opportunityId")
      .select(["v.opportunityId", "o.title", "v.amount", sql<string>`to_char(v.invested_at, 'YYYY-MM-DD')`.as("investedAt"), "v.status", "v.realizedReturn", "v.projectedReturn"])
      .where("v.orgId", "=", orgId)
      .where("v.investorId", "=", id)
      .orderBy("v.investedAt")
      .execute(),
    tx
      .selectFrom("opportunityShares as s")
      .innerJoin("opportunities as o", "o.id", "s.opportunityId")
      .leftJoin("profiles as p", "p.id", "s.sharedBy")
      .select(["s.id", "s.opportunityId", "o.title", "s.sharedAt", "s.response", "s.comment", "s.respondedAt", "p.fullName", "p.email"])
      .where("s.orgId", "=", orgId)
      .where("s.investorId", "=", id)
      .execute(),
    tx
      .selectFrom("activities as a")
      .leftJoin("profiles as p", "p.id", "a.actorId")
      .select(["a.id", "a.type", "a.body", "a.data", "a.occurredAt", "p.fullName", "p.email"])
      .where("a.orgId", "=", orgId)
      .where(sql<boolean>`a.data->>'investorId' = ${id}`)
      .where("a.type", "not in", ["investor.interested", "investor.passed"]) // already in the shares' answers
      .execute(),
  ]);
  const portfolio: PortfolioSummary = {
    deals: new Set(investments.map((v) => v.opportunityId ?? v.title)).size,
    investedCapital: investments.reduce((sum, v) => sum + Number(v.amount), 0),
    realizedReturn: investments.reduce((sum, v) => sum + Number(v.realizedReturn ?? 0), 0),
    projectedReturn: investments.reduce((sum, v) => sum + Number(v.projectedReturn ?? 0), 0),
    investments: investments.map((v) => ({
      opportunityId: v.opportunityId ?? "",
      title: v.title ?? "(deleted deal)",
      amount: Number(v.amount),
      investedAt: v.investedAt,
      status: v.status as "active" | "exited",
      realizedReturn: v.realizedReturn === null ? null : Number(v.realizedReturn),
      projectedReturn: v.projectedReturn === null ? null : Number(v.projectedReturn),
    })),
  };
  const activity: InvestorActivity[] = [
    ...shares.map((s) => ({ id: `share-${s.id}`, type: "opportunity.shared", body: null, data: { opportunityId: s.opportunityId, title: s.title }, actorName: s.fullName ?? s.email ?? null, occurredAt: new Date(s.sharedAt).toISOString() })),
    ...shares
      .filter((s) => s.response && s.respondedAt)
      .map((s) => ({ id: `answer-${s.id}`, type: `investor.${s.response}`, body: s.comment, data: { opportunityId: s.opportunityId, title: s.title }, actorName: [investor.firstName, investor.lastName].filter(Boolean).join(" "), occurredAt: new Date(s.respondedAt!).toISOString() })),
    ...notes.map((n) => ({ id: n.id, type: n.type, body: n.body, data: (n.data ?? {}) as Record<string, unknown>, actorName: n.fullName ?? n.email ?? null, occurredAt: new Date(n.occurredAt).toISOString() })),
  ].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return { ...investor, portfolio, activity };
}
