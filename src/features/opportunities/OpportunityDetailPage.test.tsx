import { createMemoryHistory } from "@tanstack/react-router";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import type { InvestorMatch } from "@/domain/investors";
import type { OpportunityDetail } from "@/domain/pipeline";
import { useMeStore } from "@/features/orgs/meStore";
import { board, card, STAGES } from "@/features/pipeline/testBoard";
import { useSession } from "@/lib/session";
import { apiError, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";

const DEAL_ID = "77777777-7777-4777-8777-777777777777";
const ADAM = "33333333-3333-4333-8333-333333333333";
const INV_A = "66666666-6666-4666-8666-666666666661";
const INV_B = "66666666-6666-4666-8666-666666666662";
const INV_C = "66666666-6666-4666-8666-666666666663";
const members = [
  { userId: user.id, email: user.email, fullName: "Avery Agent", role: "agent", createdAt: "2026-01-01T00:00:00Z" },
  { userId: ADAM, email: "adam@demo.test", fullName: "Adam Agent", role: "agent", createdAt: "2026-01-01T00:00:00Z" },
];

function detail(over: Partial<OpportunityDetail> = {}): OpportunityDetail {
  const c = card({ id: DEAL_ID, title: "Oak St duplex", value: 200_000, version: 5, stageId: STAGES[1].id, stageEnteredAt: "2026-11-20T00:00:00.000Z" });
  return {
    ...c,
    stage: STAGES[1],
    lostReason: null,
    closedAt: null,
    property: { id: "p1", street: "12 Oak St", city: "Austin", state: "TX", zip: "78701", propertyType: "multifamily", beds: 4, baths: 2, sqft: 1800, yearBuilt: 1978, estimatedValue: 240_000 },
    lead: { id: "11111111-1111-4111-8111-111111111111", name: "Maria Garcia", email: "maria@example.com", phone: "+15125550134" },
    analysis: null,
    history: [
      { id: "h1", fromStageId: null, fromStageName: null, toStageId: STAGES[0].id, toStageName: "New", movedBy: user.id, movedByName: "Avery Agent", movedAt: "2026-11-01T00:00:00.000Z", secondsInPreviousStage: null },
      { id: "h2", fromStageId: STAGES[0].id, fromStageName: "New", toStageId: STAGES[1].id, toStageName: "Qualified", movedBy: user.id, movedByName: "Avery Agent", movedAt: "2026-11-20T00:00:00.000Z", secondsInPreviousStage: 19 * 86_400 },
    ],
    shares: [{ id: "s1", investorId: INV_C, investorName: "Cora Capital", sharedBy: user.id, sharedAt: "2026-11-21T00:00:00.000Z", response: "interested", comment: "Love the rents", respondedAt: "2026-11-22T00:00:00.000Z" }],
    exit: null,
    ...over,
  };
}

const matches: InvestorMatch[] = [
  { investorId: INV_A, name: "Ann Acquisitions", score: 91, reasons: ["Buys multifamily in TX", "Capital available covers the deal"], marketMatch: "state", shared: false },
  { investorId: INV_B, name: "Ben Buyer", score: 64, reasons: ["Targets 8% cash-on-cash"], marketMatch: "city", shared: false },
  { investorId: INV_C, name: "Cora Capital", score: 55, reasons: [], marketMatch: "any", shared: true },
];

type Route = (url: string, init: RequestInit) => Response | undefined;

function renderDeal(current: OpportunityDetail, route: Route = () => undefined) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  const base = `/api/opportunities/${current.id}`;
  const fetchMock = mockFetch((url, init) => {
    const routed = route(url, init);
    if (routed) return routed;
    const method = init.method ?? "GET";
    if (url === "/api/me") return jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role: "agent" }] });
    if (url === "/api/org/members") return jsonResponse({ items: members });
    if (url.startsWith("/api/pipeline")) return jsonResponse({ stages: board([]) });
    if (url === base && method === "GET") return jsonResponse(current);
    if (url.startsWith(`${base}/activities`)) return jsonResponse({ items: [{ id: "a1", type: "opportunity.stage_changed", body: null, data: { fromStageName: "New", toStageName: "Qualified" }, actorId: user.id, actorName: "Avery Agent", occurredAt: "2026-11-20T00:00:00.000Z" }], nextCursor: null });
    if (url === `${base}/tasks` && method === "GET") return jsonResponse({ items: [] });
    if (url === `${base}/matches`) return jsonResponse({ matcher: "rules-1", items: matches });
    return jsonResponse({ error: { code: "not_found", message: `unexpected ${url}` } }, 404);
  });
  render(<App router={createAppRouter({ history: createMemoryHistory({ initialEntries: [`/opportunities/${current.id}`] }) })} />);
  const calls = (method: string, path: string) =>
    fetchMock.mock.calls.filter(([u, i]) => String(u) === path && (i?.method ?? "GET") === method).map(([, i]) => JSON.parse(String(i?.body)));
  return { fetchMock, calls, base };
}

const analyzer = () => screen.getByRole("form", { name: "Deal analyzer" });
const type = (label: string, value: string) => fireEvent.change(within(analyzer()).getByLabelText(label), { target: { value } });
const figure = (label: string) => within(screen.getByRole("group", { name: "Analysis results" })).getByLabelText(label).textContent;

describe("OpportunityDetailPage", () => {
  beforeEach(() => useMeStore.getState().reset());

  it("shows the deal: property, linked lead, stage history with time in each stage, timeline", async () => {
    renderDeal(detail());
    expect(await screen.findByRole("heading", { name: "Oak St duplex" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Maria Garcia" })).toHaveAttribute("href", "/leads/11111111-1111-4111-8111-111111111111");
    expect(screen.getByText("12 Oak St · Austin, TX · 78701")).toBeInTheDocument();
    const history = screen.getByRole("list", { name: "Stage history" });
    expect(within(history).getByText("19 d in New")).toBeInTheDocument();
    expect(await within(screen.getByRole("list", { name: "Timeline" })).findByText("Moved from New to Qualified")).toBeInTheDocument();
    expect(screen.queryByText(/documents/i)).toBeNull();
  });

  it("recomputes the analyzer's figures as inputs are typed, percentages as %, and saves the inputs as fractions with the version", async () => {
    const { calls, base } = renderDeal(detail(), (url, init) => (url === `/api/opportunities/${DEAL_ID}` && init.method === "PATCH" ? jsonResponse({ ...detail(), version: 6 }) : undefined));
    await screen.findByRole("form", { name: "Deal analyzer" });
    type("Purchase price", "100000");
    type("ARV", "200000");
    type("Contingency (%)", "0");
    fireEvent.click(within(analyzer()).getByRole("checkbox", { name: "All cash (no loan)" }));
    type("Monthly rent", "1000");
    for (const label of ["Vacancy (%)", "Management (%)", "Maintenance (%)", "CapEx reserve (%)"]) type(label, "0");
    type("Hold period", "5");
    type("Exit cap rate (%)", "12");
    type("Rent growth (%)", "0");
    type("Expense growth (%)", "0");
    type("Selling costs (%)", "0");

    // All cash, $12,000 NOI on $100,000.
    await waitFor(() => expect(figure("Cap rate")).toBe("12.00%"));
    expect(figure("Cash-on-cash")).toBe("12.00%");
    expect(figure("Monthly cash flow")).toBe("$1,000.00");
    expect(figure("DSCR")).toBe("All cash");
    expect(figure("MAO (70% rule)")).toBe("$140,000"); // 200,000 × 70%
    // Sold at 12,000 / 12% = the price: IRR is the yield, 12%; equity multiple 1.6×.
    expect(figure("IRR")).toBe("12.00%");
    expect(figure("Equity multiple")).toBe("1.60×");

    // A loan: 75% of $100,000 at 6% over 30 years → $449.66 a month.
    fireEvent.click(within(analyzer()).getByRole("checkbox", { name: "All cash (no loan)" }));
    type("Loan to value (%)", "75");
    type("Interest rate (%)", "6");
    type("Amortisation", "30");
    await waitFor(() => expect(figure("Monthly payment")).toBe("$449.66"));
    expect(figure("Monthly cash flow")).toBe("$550.34");
    expect(figure("DSCR")).toBe("2.22×");
    expect(screen.getByRole("table", { name: "Amortisation summary" })).toBeInTheDocument();

    // A custom MAO percentage and a repair line item.
    type("MAO percentage (%)", "65");
    fireEvent.click(within(analyzer()).getByRole("button", { name: "Add repair" }));
    type("Repair 1", "Roof");
    type("Repair 1 cost", "10000");
    await waitFor(() => expect(figure("MAO (65%)")).toBe("$120,000")); // 130,000 − 10,000

    // Invalid input: no figures update, and no save.
    type("Interest rate (%)", "80");
    expect(await within(analyzer()).findByText("Must be between 0% and 50%")).toBeInTheDocument();
    expect(screen.getByText("Fix the highlighted inputs to update the figures.")).toBeInTheDocument();
    type("Interest rate (%)", "6.5");

    fireEvent.click(within(analyzer()).getByRole("button", { name: "Save analysis" }));
    await waitFor(() => expect(calls("PATCH", base)).toHaveLength(1));
    const [body] = calls("PATCH", base);
    expect(body.version).toBe(5);
    expect(body.analysis).toMatchObject({
      purchase: { purchasePrice: 100000, arv: 200000, closingCostRate: 0, closingCostFixed: 0 },
      repairs: { items: [{ label: "Roof", cost: 10000 }], contingencyRate: 0 },
      financing: { loanToValue: 0.75, annualRate: 0.065, amortizationYears: 30, interestOnly: false, pointsRate: 0 },
      operating: { monthlyRent: 1000, vacancyRate: 0 },
      projection: { holdYears: 5, exitCapRate: 0.12 },
      offer: { maoPercent: 0.65, wholesaleFee: 0 },
    });
  }, 20_000);

  it("shows saved analysis inputs as percentages", async () => {
    renderDeal(
      detail({
        analysis: {
          purchase: { purchasePrice: 150000, closingCostRate: 0.025 },
          financing: null,
          operating: { monthlyRent: 1500, vacancyRate: 0.07 },
          projection: { holdYears: 7, exitCapRate: 0.065 },
        },
      }),
    );
    await screen.findByRole("form", { name: "Deal analyzer" });
    expect(within(analyzer()).getByLabelText("Closing costs (%)")).toHaveValue("2.5");
    expect(within(analyzer()).getByLabelText("Vacancy (%)")).toHaveValue("7");
    expect(within(analyzer()).getByLabelText("Exit cap rate (%)")).toHaveValue("6.5");
    expect(within(analyzer()).getByRole("checkbox", { name: "All cash (no loan)" })).toBeChecked();
    expect(figure("Cap rate")).toBe("11.16%"); // 1,500 × 12 × 93% / 150,000
  });

  it("shares the deal with the selected investors; already-shared ones show their answer", async () => {
    const { calls, base } = renderDeal(detail(), (url, init) =>
      url.endsWith("/shares") && init.method === "POST"
        ? jsonResponse({ items: [INV_A, INV_B].map((investorId, i) => ({ id: `s${i + 2}`, investorId, investorName: matches[i].name, sharedBy: user.id, sharedAt: "2026-11-30T00:00:00.000Z", response: null, comment: null, respondedAt: null })) }, 201)
        : undefined,
    );
    const list = await screen.findByRole("list", { name: "Investor matches" });
    expect(within(list).getByText("Buys multifamily in TX")).toBeInTheDocument();
    expect(within(list).getByLabelText("Score 91 of 100")).toBeInTheDocument();
    expect(within(list).getByRole("checkbox", { name: "Cora Capital (already shared)" })).toBeDisabled();
    expect(within(list).getByText(/Interested/)).toBeInTheDocument();
    expect(within(list).getByText("“Love the rents”")).toBeInTheDocument();

    const share = screen.getByRole("button", { name: /Share with selected/ });
    expect(share).toBeDisabled();
    fireEvent.click(within(list).getByRole("checkbox", { name: "Select Ann Acquisitions" }));
    fireEvent.click(within(list).getByRole("checkbox", { name: "Select Ben Buyer" }));
    fireEvent.click(screen.getByRole("button", { name: "Share with selected (2)" }));
    await waitFor(() => expect(calls("POST", `${base}/shares`)).toEqual([{ investorIds: [INV_A, INV_B] }]));
    expect(await within(list).findByRole("checkbox", { name: "Ann Acquisitions (already shared)" })).toBeDisabled();
  });

  it("edits the header fields with the version and only what changed; a stale version reloads", async () => {
    let conflict = false;
    const { calls, base } = renderDeal(detail(), (url, init) =>
      url === `/api/opportunities/${DEAL_ID}` && init.method === "PATCH"
        ? conflict ? apiError(409, "version_conflict", "stale", { version: "is stale" }) : jsonResponse({ ...detail(), value: 210_000, ownerId: ADAM, version: 6 })
        : undefined,
    );
    const form = await screen.findByRole("form", { name: "Deal details" });
    fireEvent.change(within(form).getByLabelText("Probability (%)"), { target: { value: "140" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save details" }));
    expect(await within(form).findByText("must be 0–100")).toBeInTheDocument();
    fireEvent.change(within(form).getByLabelText("Probability (%)"), { target: { value: "" } });
    fireEvent.change(within(form).getByLabelText("Value ($)"), { target: { value: "210000" } });
    await waitFor(() => expect(within(within(form).getByLabelText("Owner")).getByRole("option", { name: "Adam Agent" })).toBeInTheDocument());
    fireEvent.change(within(form).getByLabelText("Owner"), { target: { value: ADAM } });
    fireEvent.click(within(form).getByRole("button", { name: "Save details" }));
    await waitFor(() => expect(calls("PATCH", base)).toEqual([{ version: 5, value: 210000, ownerId: ADAM }]));

    conflict = true;
    fireEvent.change(within(form).getByLabelText("Title"), { target: { value: "Oak St fourplex" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save details" }));
    await waitFor(() => expect(calls("PATCH", base)[1]).toEqual({ version: 6, title: "Oak St fourplex" }));
    expect((await screen.findAllByText(/Someone else changed this deal/))[0]).toBeInTheDocument();
  });

  it("moves the deal from the stage select, asking why when it is lost", async () => {
    const { calls, base } = renderDeal(detail(), (url, init) => (url === `/api/opportunities/${DEAL_ID}/move` && init.method === "POST" ? jsonResponse(card()) : undefined));
    const select = await screen.findByLabelText("Stage");
    await waitFor(() => expect(within(select).getByRole("option", { name: "Closed Lost" })).toBeInTheDocument());
    fireEvent.change(select, { target: { value: STAGES[3].id } });
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Why was it lost?"), { target: { value: "Financing fell through" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Close as lost" }));
    await waitFor(() => expect(calls("POST", `${base}/move`)).toEqual([{ stageId: STAGES[3].id, position: 0, version: 5, lostReason: "Financing fell through" }]));
  });

  it("records a won deal's exit: previews the realized return, checks the fields, shows what the API answered", async () => {
    const won = STAGES.find((s) => s.kind === "won")!;
    const wonDeal = detail({ stage: won, stageId: won.id, closedAt: "2026-06-01T00:00:00.000Z" });
    const recorded = { ...wonDeal, version: 6, exit: { exitedOn: "2026-10-01", totalCost: 200_000, proceeds: 236_400, realizedReturn: 0.182, recordedAt: "2026-11-25T00:00:00.000Z" } };
    const { calls, base } = renderDeal(wonDeal, (url, init) => (url === `/api/opportunities/${DEAL_ID}/exit` && init.method === "POST" ? jsonResponse(recorded) : undefined));
    const form = await screen.findByRole("form", { name: "Record the exit" });
    fireEvent.change(within(form).getByLabelText("Total cost ($)"), { target: { value: "0" } });
    fireEvent.change(within(form).getByLabelText("Proceeds ($)"), { target: { value: "236,400" } });
    fireEvent.click(within(form).getByRole("button", { name: "Record the exit" }));
    expect(await within(form).findByText("must be more than 0")).toBeInTheDocument();
    expect(within(form).getByText("must be a date (YYYY-MM-DD)")).toBeInTheDocument();
    fireEvent.change(within(form).getByLabelText("Total cost ($)"), { target: { value: "$200,000" } });
    fireEvent.change(within(form).getByLabelText("Exited on"), { target: { value: "2026-10-01" } });
    expect(await within(form).findByText("Realized return 18.2%")).toBeInTheDocument();
    fireEvent.click(within(form).getByRole("button", { name: "Record the exit" }));
    await waitFor(() => expect(calls("POST", `${base}/exit`)).toEqual([{ exitedOn: "2026-10-01", totalCost: 200000, proceeds: 236400 }]));
    expect((await screen.findByLabelText("Realized return")).textContent).toMatch(/Returned 18\.2%.*exited 2026-10-01/);
  });

  it("has no exit card until the deal is won", async () => {
    renderDeal(detail());
    await screen.findByRole("form", { name: "Deal details" });
    expect(screen.queryByRole("form", { name: "Record the exit" })).toBeNull();
  });
});
