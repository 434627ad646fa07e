import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUY_BOX_TTL_MS, cachedBuyBoxes, forgetBuyBoxes } from "./buyBoxCache";
import { buildLeadFeatures } from "../../../../ml/features/leadFeatures";
import { DAY_MS, MINUTE_MS } from "../../../../ml/features/leadHistory";
import type { DatabaseHandle } from "../../db/connect";
import { asService } from "../../db/transactions";
import { testBackends } from "../../testing/testDatabase";
import { loadLeadHistories } from "./leadHistoryFromDb";

const T0 = Date.parse("2026-01-05T15:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * MINUTE_MS);

describe.each(testBackends())("lead histories from the database on $name", (backend) => {
  let handle: DatabaseHandle;
  let orgId: string;
  let otherOrgId: string;
  const ids = {} as Record<"hot" | "converted" | "bare" | "deleted" | "other", string>;

  beforeAll(async () => {
    handle = await backend.open();
    await asService(handle.db, async (tx) => {
      orgId = (await tx.insertInto("orgs").values({ name: "History Co" }).returning("id").executeTakeFirstOrThrow()).id;
      otherOrgId = (await tx.insertInto("orgs").values({ name: "Other Co" }).returning("id").executeTakeFirstOrThrow()).id;
      const lead = async (values: Record<string, unknown>) => (await tx.insertInto("leads").values({ orgId, ...values } as never).returning("id").executeTakeFirstOrThrow()).id;
      ids.hot = await lead({ firstName: "Hot", source: "web_form", status: "qualified", createdAt: at(0), updatedAt: at(3000) });
      ids.converted = await lead({ firstName: "Conv", source: "referral", status: "converted", createdAt: at(0) });
      ids.bare = await lead({ firstName: "Bare", source: null, status: "contacted", createdAt: at(60) });
      ids.deleted = await lead({ firstName: "Gone", createdAt: at(0), deletedAt: at(10) });
      ids.other = (await tx.insertInto("leads").values({ orgId: otherOrgId, firstName: "Theirs", createdAt: at(0) }).returning("id").executeTakeFirstOrThrow()).id;

      await tx
        .insertInto("leadEnrichments")
        .values([
          {
            orgId, leadId: ids.hot, kind: "contact", provider: "offline", status: "done", createdAt: at(2),
            result: { email: { validSyntax: true, disposable: false, freeProvider: true, hasMx: null }, phone: { valid: true, type: "MOBILE", textable: true }, address: null },
          },
          {
            orgId, leadId: ids.hot, kind: "property", provider: "attom", status: "done", createdAt: at(45),
            result: { ownerName: "HALL, ROSA", beds: 3, baths: 2, sqft: 1800, marketValue: 350_000, assessedValue: 300_000, lastSaleDate: "2016-01-05", lastSalePrice: 200_000, yearBuilt: 1990, lotSizeSqft: null, taxAmount: 4000 },
          },
          // A failed lookup is no evidence.
          { orgId, leadId: ids.bare, kind: "property", provider: "attom", status: "failed", createdAt: at(70), result: {} },
        ])
        .execute();
      await tx
        .insertInto("activities")
        .values([
          { orgId, leadId: ids.hot, type: "message.sent", data: { channel: "sms" }, occurredAt: at(12) },
          { orgId, leadId: ids.hot, type: "message.sent", data: { channel: "email" }, occurredAt: at(24 * 60) },
          { orgId, leadId: ids.hot, type: "message.received", data: { channel: "sms" }, occurredAt: at(30) },
          { orgId, leadId: ids.hot, type: "note", body: "called, left voicemail", data: {}, occurredAt: at(40) },
          { orgId, leadId: ids.hot, type: "lead.status_changed", data: { changes: { status: { from: "new", to: "contacted" } } }, occurredAt: at(13) },
          { orgId, leadId: ids.hot, type: "lead.status_changed", data: { changes: { status: { from: "contacted", to: "qualified" } } }, occurredAt: at(2 * 24 * 60) },
          { orgId, leadId: ids.converted, type: "lead.converted", data: {}, occurredAt: at(5 * 24 * 60) },
        ])
        .execute();
      const stage = await tx.insertInto("pipelineStages").values({ orgId, name: "New", position: 0 }).returning("id").executeTakeFirstOrThrow();
      await tx.insertInto("opportunities").values({ orgId, title: "Deal", stageId: stage.id, leadId: ids.converted, createdAt: at(5 * 24 * 60 + 1) } as never).execute();
      await tx.insertInto("investors").values({ orgId, firstName: "Ivy", minInvestment: 100_000, maxInvestment: 400_000, preferences: { propertyTypes: [] }, createdAt: at(-10) } as never).execute();
    });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("builds one history per live lead of the org, with every event at the time it was recorded", async () => {
    const { histories, context } = await asService(handle.db, (tx) => loadLeadHistories(tx, orgId));
    expect(histories.map((h) => h.leadId).sort()).toEqual([ids.hot, ids.converted, ids.bare].sort());
    const hot = histories.find((h) => h.leadId === ids.hot)!;
    expect(hot.createdAt).toBe(T0);
    expect(hot.source).toBe("web_form");
    const sorted = [...hot.events].sort((a, b) => a.at - b.at);
    expect(sorted.map((e) => `${e.type}@${(e.at - T0) / MINUTE_MS}`)).toEqual(["contact_check@2", "touch@12", "status@13", "touch@30", "property@45", "touch@1440", "status@2880"]);
    expect(sorted[0]).toMatchObject({ email: { valid: true, disposable: false, free: true }, phone: { valid: true, mobile: true } });
    const property = sorted.find((e) => e.type === "property")!;
    expect(property).toMatchObject({ facts: { estimatedValue: 350_000, beds: 3, baths: 2, sqft: 1800, yearsOwned: 10, propertyType: null, absenteeOwner: null } });
    expect(JSON.stringify(property)).not.toContain("HALL"); // owner names never come in
    expect(context.buyBoxes).toEqual([expect.objectContaining({ minPrice: 100_000, maxPrice: 400_000, propertyTypes: null, until: null })]);
  });

  it("conversion comes from the opportunity / lead.converted; a status without a recorded change is set at creation", async () => {
    const { histories } = await asService(handle.db, (tx) => loadLeadHistories(tx, orgId));
    const converted = histories.find((h) => h.leadId === ids.converted)!;
    expect(converted.events).toEqual([{ type: "status", at: T0 + 5 * DAY_MS, to: "converted" }]);
    const bare = histories.find((h) => h.leadId === ids.bare)!;
    expect(bare.events).toEqual([{ type: "status", at: T0 + 60 * MINUTE_MS, to: "contacted" }]);
  });

  it("is point-in-time correct: features at a cutoff only see what was recorded before it", async () => {
    const { histories, context } = await asService(handle.db, (tx) => loadLeadHistories(tx, orgId, { leadIds: [ids.hot] }));
    expect(histories).toHaveLength(1);
    const early = buildLeadFeatures(histories[0], T0 + 20 * MINUTE_MS, context);
    expect(early).toMatchObject({ source: "web_form", phoneValid: 1, emailFree: 1, propertyKnown: 0, touchesOut: 1, replies: 0, status: "contacted", firstResponseMinutes: 12 });
    expect(early.matchingInvestors).toBeNaN();
    const later = buildLeadFeatures(histories[0], T0 + 3 * DAY_MS, context);
    expect(later).toMatchObject({ propertyKnown: 1, estimatedValue: 350_000, touchesOut: 2, replies: 1, status: "qualified", statusChanges: 2, matchingInvestors: 1 });
  });

  it("the one-round-trip path for given leads builds exactly what the org-wide path builds", async () => {
    const norm = (h: { leadId: string; events: { at: number; type: string }[] }) => ({ ...h, events: [...h.events].sort((x, y) => x.at - y.at || x.type.localeCompare(y.type)) });
    const all = await asService(handle.db, (tx) => loadLeadHistories(tx, orgId));
    const some = await asService(handle.db, (tx) => loadLeadHistories(tx, orgId, { leadIds: [ids.hot, ids.converted, ids.bare] }));
    const byId = (xs: typeof all.histories) => Object.fromEntries(xs.map((h) => [h.leadId, norm(h)]));
    expect(byId(some.histories)).toEqual(byId(all.histories));
    expect(some.context).toEqual(all.context);
  });

  it("scoring paths reuse the org's buy boxes for a minute instead of reading every investor again", async () => {
    forgetBuyBoxes();
    const first = await asService(handle.db, (tx) => loadLeadHistories(tx, orgId, { leadIds: [ids.hot] }));
    expect(first.context.buyBoxes).toHaveLength(1);
    await asService(handle.db, (tx) => tx.insertInto("investors").values({ orgId, firstName: "Newer", minInvestment: 50_000, maxInvestment: 90_000, preferences: {} } as never).execute());
    // Within the minute: the cached boxes (one investor), while the org-wide path (training) reads fresh.
    expect((await asService(handle.db, (tx) => loadLeadHistories(tx, orgId, { leadIds: [ids.hot] }))).context.buyBoxes).toHaveLength(1);
    expect((await asService(handle.db, (tx) => loadLeadHistories(tx, orgId))).context.buyBoxes).toHaveLength(2);
    expect(cachedBuyBoxes(orgId, Date.now() + BUY_BOX_TTL_MS + 1)).toBeUndefined();
    forgetBuyBoxes(orgId);
    expect((await asService(handle.db, (tx) => loadLeadHistories(tx, orgId, { leadIds: [ids.hot] }))).context.buyBoxes).toHaveLength(2);
    await asService(handle.db, (tx) => tx.deleteFrom("investors").where("orgId", "=", orgId).where("firstName", "=", "Newer").execute());
    forgetBuyBoxes();
  });

  it("never reads another org's leads, even when asked for them by id", async () => {
    const { histories } = await asService(handle.db, (tx) => loadLeadHistories(tx, orgId, { leadIds: [ids.other, ids.deleted] }));
    expect(histories).toEqual([]);
  });
});
