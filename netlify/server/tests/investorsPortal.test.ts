import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpportunityDetail } from "../../../src/domain/pipeline";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import type { Database } from "../db/schema";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signIn, signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

const analysis = {
  purchase: { purchasePrice: 300_000, arv: 420_000, closingCostRate: 0.02, closingCostFixed: 0 },
  financing: { loanToValue: 0.75, annualRate: 0.065, amortizationYears: 30 },
  operating: { monthlyRent: 3_200, vacancyRate: 0.05, managementRate: 0.08, annualPropertyTaxes: 5_400, annualInsurance: 1_500 },
  projection: { holdYears: 5, rentGrowthRate: 0.03, expenseGrowthRate: 0.02, exitCapRate: 0.06, sellingCostRate: 0.05 },
};

/** Rows the user can see in each table, running as `authenticated` with their claims (rolled back). */
async function visibleAs(db: Kysely<Database>, userId: string, table: string): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const claims = JSON.stringify({ sub: userId, role: "authenticated", aud: "authenticated" });
    await sql`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`.execute(tx);
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`public.${table}`)}`.execute(tx);
    return r.rows[0].n;
  });
}

describe.each(testBackends())("investors, matching and the investor portal on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let outsider: SignedUp;
  let investorUser: { token: string; userId: string };
  let ivy: { id: string };
  let other: { id: string };
  let shared: OpportunityDetail;
  let notShared: OpportunityDetail;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const asInvestor = () => ({ token: investorUser.token, orgId: owner.orgId });

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Portal Capital");
    outsider = await signUp("Other Fund");
    const person = await signUp("Ivy's own org");
    expect((await api("POST", "/api/org/members", { ...asOwner(), body: { email: person.email, role: "investor" } })).status).toBe(201);
    const session = await signIn(person.email);
    investorUser = { token: session.accessToken, userId: session.user.id };

    const created = await api("POST", "/api/investors", {
      ...asOwner(),
      body: {
        firstName: "Ivy",
        lastName: "Stone",
        email: "IVY@Example.com",
        accreditationStatus: "accredited",
        minInvestment: 50_000,
        maxInvestment: 500_000,
        capitalAvailable: 1_000_000,
        propertyTypes: ["multifamily"],
        zips: ["78704"],
        targetReturn: 0.08,
        riskTolerance: 6,
        holdPeriodMonths: 60,
        leveragePreference: "moderate",
        userId: investorUser.userId,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: "ivy@example.com", zips: ["78704"], targetReturn: 0.08, userId: investorUser.userId });
    ivy = created.body;
    other = (await api("POST", "/api/investors", { ...asOwner(), body: { firstName: "Otto", propertyTypes: ["land"], capitalAvailable: 2_000_000 } })).body;

    const deal = (title: string, zip: string) =>
      api<OpportunityDetail>("POST", "/api/opportunities", { ...asOwner(), body: { title, value: 300_000, property: { street: "1 Main St", city: "Austin", state: "TX", zip, propertyType: "multifamily" } } });
    shared = (await deal("Sixplex on Main", "78704")).body;
    notShared = (await deal("Fourplex on Oak", "78702")).body;
    await api("PATCH", `/api/opportunities/${shared.id}`, { ...asOwner(), body: { version: shared.version, analysis } });
    await api("POST", `/api/opportunities/${notShared.id}/notes`, { ...asOwner(), body: { body: "internal: seller is desperate" } });
  });
  afterAll(() => handle.close());

  it("validates investors: bad fields named, a portal login must be an investor member", async () => {
    const bad = await api("POST", "/api/investors", { ...asOwner(), body: { firstName: "", minInvestment: 10, maxInvestment: 5, zips: ["7870"], riskTolerance: 11 } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["firstName", "minInvestment", "riskTolerance", "zips.0"]);
    const login = await api("POST", "/api/investors", { ...asOwner(), body: { firstName: "Mallory", userId: owner.userId } });
    expect([login.status, login.body.error.fields]).toEqual([400, { userId: "must be a member of this org with the investor role" }]);
  });

  it("lists and searches investors; the profile has the portfolio and history", async () => {
    const list = await api("GET", "/api/investors?q=ivy", asOwner());
    expect(list.body.items.map((i: { firstName: string }) => i.firstName)).toEqual(["Ivy"]);
    expect((await api("GET", "/api/investors?propertyType=land", asOwner())).body.items.map((i: { firstName: string }) => i.firstName)).toEqual(["Otto"]);
    const profile = await api("GET", `/api/investors/${ivy.id}`, asOwner());
    expect(profile.body.portfolio).toMatchObject({ deals: 0, investedCapital: 0 });
    const patched = await api("PATCH", `/api/investors/${ivy.id}`, { ...asOwner(), body: { capitalCommitted: 250_000 } });
    expect(patched.body.capitalCommitted).toBe(250_000);
  });

  it("ranks the investors who fit a deal, with reasons; those a hard constraint rules out are not listed", async () => {
    const res = await api("GET", `/api/opportunities/${shared.id}/matches`, asOwner());
    expect(res.status).toBe(200);
    expect(res.body.matcher).toBe("rules-1");
    expect(res.body.items.map((m: { name: string }) => m.name)).toEqual(["Ivy Stone"]); // Otto buys land only
    expect(res.body.items[0].reasons.join("; ")).toMatch(/multifamily in 78704/);
    const deals = await api("GET", `/api/investors/${ivy.id}/matches`, asOwner());
    expect(deals.body.items.map((d: { opportunity: { title: string } }) => d.opportunity.title)).toContain("Sixplex on Main");
  });

  it("shares a deal with chosen investors, recorded on its timeline; unknown investors are named", async () => {
    const bad = await api("POST", `/api/opportunities/${shared.id}/shares`, { ...asOwner(), body: { investorIds: [outsider.userId] } });
    expect(bad.status).toBe(400);
    const res = await api("POST", `/api/opportunities/${shared.id}/shares`, { ...asOwner(), body: { investorIds: [ivy.id] } });
    expect(res.status).toBe(201);
    expect(res.body.items).toEqual([expect.objectContaining({ investorId: ivy.id, investorName: "Ivy Stone", response: null })]);
    await api("POST", `/api/opportunities/${notShared.id}/shares`, { ...asOwner(), body: { investorIds: [other.id] } });
    const timeline = await api("GET", `/api/opportunities/${shared.id}/activities`, asOwner());
    expect(timeline.body.items[0]).toMatchObject({ type: "opportunity.shared", data: { investorNames: ["Ivy Stone"] } });
    expect((await api("GET", `/api/opportunities/${shared.id}/matches`, asOwner())).body.items[0].shared).toBe(true);
  });

  it("RLS: the investor sees exactly the deal shared with them and its property — no leads, notes, other investors or deals", async () => {
    const db = handle.db;
    const id = investorUser.userId;
    expect(await visibleAs(db, id, "opportunities")).toBe(1);
    expect(await visibleAs(db, id, "properties")).toBe(1);
    expect(await visibleAs(db, id, "investors")).toBe(1);
    expect(await visibleAs(db, id, "opportunity_shares")).toBe(1);
    for (const table of ["leads", "activities", "tasks", "investments", "opportunity_stage_moves"]) expect(await visibleAs(db, id, table)).toBe(0);
    // The staff of another org see none of it.
    for (const table of ["opportunities", "opportunity_shares", "investors"]) {
      const seen = await db.transaction().execute(async (tx) => {
        const claims = JSON.stringify({ sub: outsider.userId, role: "authenticated", aud: "authenticated" });
        await sql`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`.execute(tx);
        return (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`public.${table}`)} where org_id = ${owner.orgId}`.execute(tx)).rows[0].n;
      });
      expect(seen).toBe(0);
    }
  });

  it("the portal lists the shared deal with its figures; another deal is 404; staff endpoints are 403", async () => {
    const list = await api("GET", "/api/portal/opportunities", asInvestor());
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { title: string }) => o.title)).toEqual(["Sixplex on Main"]);
    const detail = await api("GET", `/api/portal/opportunities/${shared.id}`, asInvestor());
    expect(detail.body).toMatchObject({ title: "Sixplex on Main", value: 300_000, zip: "78704", stageName: "New" });
    expect(detail.body.analysis.capRate).toBeGreaterThan(0);
    expect(detail.body.analysis.projection.irr).not.toBeNull();
    expect((await api("GET", `/api/portal/opportunities/${notShared.id}`, asInvestor())).status).toBe(404);
    expect((await api("POST", `/api/portal/opportunities/${notShared.id}/interest`, { ...asInvestor(), body: { interested: true } })).status).toBe(404);
    for (const path of ["/api/leads", `/api/opportunities/${shared.id}`, "/api/investors", "/api/pipeline"]) {
      expect((await api("GET", path, asInvestor())).status).toBe(403);
    }
    expect((await api("GET", "/api/portal/opportunities", asOwner())).status).toBe(403);
    expect((await api("GET", `/api/opportunities/${shared.id}`, { token: outsider.token, orgId: outsider.orgId })).status).toBe(404);
  });

  it("the investor's answer lands on the deal's timeline and notifies its owner", async () => {
    const bad = await api("POST", `/api/portal/opportunities/${shared.id}/interest`, { ...asInvestor(), body: { interested: "yes" } });
    expect([bad.status, Object.keys(bad.body.error.fields)]).toEqual([400, ["interested"]]);
    const res = await api("POST", `/api/portal/opportunities/${shared.id}/interest`, { ...asInvestor(), body: { interested: true, comment: "Can close in 30 days" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ response: "interested", comment: "Can close in 30 days" });
    const timeline = await api("GET", `/api/opportunities/${shared.id}/activities`, asOwner());
    expect(timeline.body.items[0]).toMatchObject({ type: "investor.interested", body: "Can close in 30 days", data: { investorName: "Ivy Stone" } });
    const notes = await handle.db.selectFrom("notifications").selectAll().where("userId", "=", owner.userId).execute();
    expect(notes).toEqual([expect.objectContaining({ type: "investor.interested", title: "Ivy Stone is interested in Sixplex on Main", link: `/opportunities/${shared.id}` })]);
    const detail = (await api<OpportunityDetail>("GET", `/api/opportunities/${shared.id}`, asOwner())).body;
    expect(detail.shares[0]).toMatchObject({ response: "interested", comment: "Can close in 30 days" });
  });

  it("the owner reads the notification and marks it read; nobody else sees or marks it", async () => {
    const mine = await api("GET", "/api/notifications", asOwner());
    expect(mine.body).toMatchObject({ unread: 1, items: [{ title: "Ivy Stone is interested in Sixplex on Main", body: "Can close in 30 days", readAt: null }] });
    const id = mine.body.items[0].id;
    expect((await api("GET", "/api/notifications", asInvestor())).body).toEqual({ items: [], unread: 0 });
    expect((await api("POST", `/api/notifications/${id}/read`, asInvestor())).status).toBe(404);
    expect((await api("POST", `/api/notifications/${id}/read`, asOwner())).status).toBe(204);
    expect((await api("GET", "/api/notifications", asOwner())).body.unread).toBe(0);
  });
});
