import { createMemoryHistory } from "@tanstack/react-router";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { duplexAnalysis, OTHER_SHARED_ID, SHARED_ID, sharedDeal, sharedDealDetail } from "./testFixtures";

type Route = (url: string, init: RequestInit) => Response | undefined;

function renderPortal(path: string, route: Route = () => undefined) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  const fetchMock = mockFetch((url, init) => {
    const routed = route(url, init);
    if (routed) return routed;
    if (url === "/api/me") return jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role: "investor" }] });
    return jsonResponse({ error: { code: "not_found", message: `unexpected ${url}` } }, 404);
  });
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) });
  render(<App router={router} />);
  const answers = () =>
    fetchMock.mock.calls.filter(([u, i]) => String(u) === `/api/portal/opportunities/${SHARED_ID}/interest` && i?.method === "POST").map(([, i]) => JSON.parse(String(i?.body)));
  return { router, fetchMock, answers };
}

describe("Investor portal", () => {
  beforeEach(() => useMeStore.getState().reset());

  it("lists the deals shared with the investor with location, type, amount, close date and their answer", async () => {
    const { router } = renderPortal("/portal", (url) =>
      url === "/api/portal/opportunities"
        ? jsonResponse({ items: [sharedDeal(), sharedDeal({ id: OTHER_SHARED_ID, title: "Pine Rd lot", propertyType: "land", value: null, expectedCloseDate: null, city: "Dallas", zip: null, response: "passed", sharedAt: "2026-10-01T00:00:00.000Z" })] })
        : undefined,
    );
    const list = await screen.findByRole("list", { name: "Shared deals" });
    const [first, second] = within(list).getAllByRole("listitem");
    expect(first).toHaveTextContent("Maple St duplex");
    expect(first).toHaveTextContent("$210,000");
    expect(first).toHaveTextContent("Austin, TX 78704");
    expect(first).toHaveTextContent("Multifamily");
    expect(first).toHaveTextContent("Expected to close Dec 15, 2026");
    expect(within(first).getByText("Awaiting your answer")).toBeInTheDocument();
    expect(second).toHaveTextContent("Amount to be confirmed");
    expect(within(second).getByText("You passed")).toBeInTheDocument();
    expect(screen.getByText(/1 of 2 waiting for your answer/)).toBeInTheDocument();

    fireEvent.click(within(first).getByRole("link", { name: "Maple St duplex" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/portal/opportunities/${SHARED_ID}`));
  });

  it("shows the summary and the analyzer's figures, and records interest with a comment", async () => {
    const { answers } = renderPortal(`/portal/opportunities/${SHARED_ID}`, (url, init) => {
      if (url === `/api/portal/opportunities/${SHARED_ID}`) return jsonResponse(sharedDealDetail());
      if (url === `/api/portal/opportunities/${SHARED_ID}/interest` && init.method === "POST")
        return jsonResponse(sharedDeal({ response: "interested", comment: "Can we close in January?" }));
      return undefined;
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Maple St duplex" })).toBeInTheDocument();
    const summary = screen.getByLabelText("Deal summary");
    expect(summary).toHaveTextContent("12 Maple St, Austin, TX 78704");
    expect(summary).toHaveTextContent("4 bd · 2 ba · 1,850 sq ft");

    const figures = screen.getByLabelText("Deal figures");
    const figure = (label: string) => within(figures).getByText(label).nextElementSibling?.textContent;
    expect(figure("Cap rate")).toBe("7.5%");
    expect(figure("Cash-on-cash")).toBe(`${Number((duplexAnalysis.cashOnCash! * 100).toFixed(1))}%`);
    expect(figure("DSCR")).toBe(duplexAnalysis.dscr!.toFixed(2));
    expect(figure("Monthly cash flow")).toBe("$351");
    expect(figure("Max. allowable offer")).toBe("$165,500");
    expect(figure("IRR")).toBe(`${Number((duplexAnalysis.projection.irr! * 100).toFixed(1))}%`);
    expect(figure("Equity multiple")).toBe(`${duplexAnalysis.projection.equityMultiple!.toFixed(2)}×`);
    // Nothing internal: no notes, no lead.
    expect(screen.queryByText(/note/i)).toBeNull();

    const form = screen.getByRole("form", { name: "Your answer" });
    fireEvent.change(within(form).getByLabelText("Comment (optional)"), { target: { value: "  Can we close in January?  " } });
    fireEvent.click(within(form).getByRole("button", { name: "I'm interested" }));
    await waitFor(() => expect(answers()).toEqual([{ interested: true, comment: "Can we close in January?" }]));
    expect(await screen.findByText("Thanks — we've let them know you're interested")).toBeInTheDocument();
    expect(screen.getByText("You told us you're interested in this deal.")).toBeInTheDocument();
    expect(screen.getByText("Can we close in January?")).toBeInTheDocument();
    expect(screen.getAllByText("You're interested").length).toBeGreaterThan(0);
  });

  it("passes without a comment, and refuses a comment that is too long", async () => {
    const { answers } = renderPortal(`/portal/opportunities/${SHARED_ID}`, (url, init) => {
      if (url === `/api/portal/opportunities/${SHARED_ID}`) return jsonResponse(sharedDealDetail({ analysis: null }));
      if (url.endsWith("/interest") && init.method === "POST") return jsonResponse(sharedDeal({ response: "passed" }));
      return undefined;
    });
    expect(await screen.findByText(/The numbers for this deal aren't ready yet/)).toBeInTheDocument();
    const form = screen.getByRole("form", { name: "Your answer" });
    fireEvent.change(within(form).getByLabelText("Comment (optional)"), { target: { value: "x".repeat(2001) } });
    fireEvent.click(within(form).getByRole("button", { name: "Pass" }));
    expect(await within(form).findByText("must be at most 2,000 characters")).toBeInTheDocument();
    expect(answers()).toEqual([]);

    fireEvent.change(within(form).getByLabelText("Comment (optional)"), { target: { value: "" } });
    fireEvent.click(within(form).getByRole("button", { name: "Pass" }));
    await waitFor(() => expect(answers()).toEqual([{ interested: false }]));
    expect(await screen.findByText("You passed on this deal.")).toBeInTheDocument();
  });

  it("says a deal that isn't shared isn't available", async () => {
    renderPortal(`/portal/opportunities/${OTHER_SHARED_ID}`);
    expect(await screen.findByText("This deal isn't available")).toBeInTheDocument();
  });
});
