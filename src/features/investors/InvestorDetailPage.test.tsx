import { createMemoryHistory } from "@tanstack/react-router";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import type { InvestorProfile } from "@/domain/investors";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { card, INVESTOR_ID, investor, profile } from "./testFixtures";

type Route = (url: string, init: RequestInit) => Response | undefined;

function renderProfile(current: InvestorProfile, route: Route = () => undefined) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  const fetchMock = mockFetch((url, init) => {
    const routed = route(url, init);
    if (routed) return routed;
    if (url === "/api/me") return jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role: "owner" }] });
    if (url === `/api/investors/${INVESTOR_ID}` && (init.method ?? "GET") === "GET") return jsonResponse(current);
    if (url === `/api/investors/${INVESTOR_ID}/matches`)
      return jsonResponse({ matcher: "rules-1", items: [{ opportunity: card(), score: 87.4, reasons: ["matches multifamily in TX", "ROI 14% ≥ target 12%"] }] });
    return jsonResponse({ error: { code: "not_found", message: `unexpected ${url}` } }, 404);
  });
  render(<App router={createAppRouter({ history: createMemoryHistory({ initialEntries: [`/investors/${INVESTOR_ID}`] }) })} />);
  const patches = () =>
    fetchMock.mock.calls.filter(([u, i]) => String(u) === `/api/investors/${INVESTOR_ID}` && i?.method === "PATCH").map(([, i]) => JSON.parse(String(i?.body)));
  return { fetchMock, patches };
}

describe("InvestorDetailPage", () => {
  beforeEach(() => useMeStore.getState().reset());

  it("shows contact, preferences, capital, the portfolio charts, matching deals and the history", async () => {
    renderProfile(profile());
    expect(await screen.findByRole("heading", { level: 1, name: "Iris Investor" })).toBeInTheDocument();

    const contact = screen.getByLabelText("Contact");
    expect(within(contact).getByRole("link", { name: "iris@example.com" })).toHaveAttribute("href", "mailto:iris@example.com");
    expect(within(contact).getByText("Accredited")).toBeInTheDocument();
    const prefs = screen.getByLabelText("Preferences");
    expect(within(prefs).getByText("Multifamily")).toBeInTheDocument();
    expect(within(prefs).getByText("Austin, TX")).toBeInTheDocument();
    expect(within(prefs).getByText("12%")).toBeInTheDocument();
    expect(within(prefs).getByText("6 / 10")).toBeInTheDocument();
    expect(within(prefs).getByText("5 years")).toBeInTheDocument();
    expect(within(prefs).getByText("$50,000 – $250,000")).toBeInTheDocument();

    // Capital committed vs available: a bar with the figures.
    expect(screen.getByRole("img", { name: "Capital: $300,000 committed, $200,000 available" })).toBeInTheDocument();
    expect(screen.getByText("60% of $500,000 committed")).toBeInTheDocument();

    // Portfolio: the summary and both charts, each with its data as a table.
    const summary = screen.getByLabelText("Portfolio summary");
    expect(within(summary).getByText("$18,000")).toBeInTheDocument();
    expect(within(summary).getByText("$54,000")).toBeInTheDocument();
    const invested = screen.getByRole("table", { name: "Invested capital over time" });
    const rows = within(invested).getAllByRole("row").slice(1).map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));
    expect(rows).toEqual([
      ["Elm St duplex", "$100,000", "$100,000"],
      ["Oak Ave fourplex", "$200,000", "$300,000"],
    ]);
    expect(screen.getByRole("img", { name: "Invested capital grew to $300,000 over 2 investments" }).querySelectorAll("circle")).toHaveLength(2);
    const returns = screen.getByRole("table", { name: "Realised vs projected return per deal" });
    expect(within(returns).getByRole("row", { name: /Oak Ave fourplex/ })).toHaveTextContent("Oak Ave fourplex—$39,000");
    const bars = screen.getByRole("img", { name: "Realised and projected return for 2 deals" }).querySelectorAll("rect title");
    expect([...bars].map((t) => t.textContent)).toEqual([
      "Elm St duplex: realised return $18,000",
      "Elm St duplex: projected return $15,000",
      "Oak Ave fourplex: projected return $39,000",
    ]);

    // Open deals that fit, with why.
    const matches = await screen.findByRole("list", { name: "Matching deals" });
    expect(within(matches).getByRole("link", { name: "Cedar Park triplex" })).toHaveAttribute("href", `/opportunities/${card().id}`);
    expect(within(matches).getByLabelText("Match score 87 of 100")).toBeInTheDocument();
    expect(within(matches).getByRole("list", { name: "Why Cedar Park triplex fits" })).toHaveTextContent("ROI 14% ≥ target 12%");

    const history = screen.getByRole("list", { name: "Communication history" });
    expect(within(history).getAllByRole("listitem")[0]).toHaveTextContent("Deal shared · Cedar Park triplex");
    expect(within(history).getByText("Prefers deals closing in Q1.")).toBeInTheDocument();
    // Documents don't exist yet: no section pretends otherwise.
    expect(screen.queryByText(/documents/i)).toBeNull();
  });

  it("edits in place and sends only what changed, percentages as fractions", async () => {
    const current = profile();
    const { patches } = renderProfile(current, (url, init) =>
      url === `/api/investors/${INVESTOR_ID}` && init.method === "PATCH"
        ? jsonResponse(investor({ targetReturn: 0.15, states: ["TX", "OK"], company: null, updatedAt: "2026-11-30T00:00:00.000Z" }))
        : undefined,
    );
    fireEvent.click(await screen.findByRole("button", { name: "Edit investor" }));
    const form = screen.getByRole("form", { name: "Edit investor" });
    expect(within(form).getByLabelText("Target return (%)")).toHaveValue("12");
    expect(within(form).getByLabelText("Minimum investment")).toHaveValue("50000");

    fireEvent.change(within(form).getByLabelText("Target return (%)"), { target: { value: "15" } });
    fireEvent.change(within(form).getByLabelText("Company"), { target: { value: "  " } });
    fireEvent.change(within(form).getByLabelText("States"), { target: { value: "ok" } });
    fireEvent.keyDown(within(form).getByLabelText("States"), { key: "Enter" });
    fireEvent.click(within(form).getByRole("button", { name: "Save changes" }));

    await waitFor(() => expect(patches()).toEqual([{ company: null, states: ["TX", "OK"], targetReturn: 0.15 }]));
    expect(await screen.findByText("Investor saved")).toBeInTheDocument();
    const prefs = await screen.findByLabelText("Preferences");
    expect(within(prefs).getByText("15%")).toBeInTheDocument();
    expect(within(prefs).getByText("OK")).toBeInTheDocument();
  });

  it("says so when the investor doesn't exist", async () => {
    renderProfile(profile(), (url) => (url === `/api/investors/${INVESTOR_ID}` ? jsonResponse({ error: { code: "not_found", message: "Not found" } }, 404) : undefined));
    expect(await screen.findByText("Investor not found")).toBeInTheDocument();
  });
});
