import { createMemoryHistory } from "@tanstack/react-router";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import type { OpportunityDetail, PipelineColumn } from "@/domain/pipeline";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { board, card, STAGES } from "./testBoard";

const ADAM = "33333333-3333-4333-8333-333333333333";
const members = [
  { userId: user.id, email: user.email, fullName: "Avery Agent", role: "owner", createdAt: "2026-01-01T00:00:00Z" },
  { userId: ADAM, email: "adam@demo.test", fullName: "Adam Agent", role: "agent", createdAt: "2026-01-01T00:00:00Z" },
];

type Route = (url: string, init: RequestInit) => Response | Promise<Response> | undefined;

function renderBoard(columns: PipelineColumn[], route: Route = () => undefined, path = "/pipeline") {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  const fetchMock = mockFetch((url, init) => {
    const routed = route(url, init);
    if (routed) return routed;
    if (url === "/api/me") return jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role: "owner" }] });
    if (url === "/api/org/members") return jsonResponse({ items: members });
    if (url.startsWith("/api/pipeline")) return jsonResponse({ stages: columns });
    return jsonResponse({ error: { code: "not_found", message: `unexpected ${url}` } }, 404);
  });
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) });
  render(<App router={router} />);
  const calls = (method: string, path: string) =>
    fetchMock.mock.calls.filter(([u, i]) => String(u) === path && (i?.method ?? "GET") === method).map(([, i]) => JSON.parse(String(i?.body)));
  return { fetchMock, router, calls };
}

const column = (name: string) => document.querySelector(`section[aria-labelledby="stage-${STAGES.find((s) => s.name === name)!.id}"]`) as HTMLElement;
const countOf = (name: string) => within(column(name)).getByTestId("column-count").textContent;
const totalOf = (name: string) => within(column(name)).getByTestId("column-total").textContent;
const weightedOf = (name: string) => within(column(name)).getByTestId("column-weighted").textContent;

async function moveViaMenu(title: string, stage: string) {
  const trigger = screen.getByRole("button", { name: `Move ${title} to another stage` });
  fireEvent.keyDown(trigger, { key: "Enter" });
  fireEvent.click(await screen.findByRole("menuitem", { name: stage }));
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("PipelineBoardPage", () => {
  beforeEach(() => useMeStore.getState().reset());

  it("shows each stage with its count, value total and weighted total, and each card's probability, close date and time in stage", async () => {
    const a = card({ title: "Oak St duplex", value: 250_000, probability: 40, expectedCloseDate: "2026-12-15", stageEnteredAt: new Date(Date.now() - 12 * 86_400_000 - 3_600_000).toISOString() });
    const b = card({ title: "Elm St condo", value: 150_000 });
    renderBoard(board([[a, b], [card({ title: "Pine Ave", value: 1_000_000 })]]));
    expect(await screen.findByText("Oak St duplex")).toBeInTheDocument();
    expect(countOf("New")).toBe("2");
    expect(totalOf("New")).toBe("$400K");
    expect(weightedOf("New")).toBe("$115K weighted"); // 250k × 40% + 150k × 10%
    expect(countOf("Qualified")).toBe("1");
    expect(totalOf("Qualified")).toBe("$1M");
    expect(countOf("Closed Lost")).toBe("0");
    const oak = screen.getByText("Oak St duplex").closest("li")!;
    expect(within(oak).getByText("40%")).toBeInTheDocument();
    expect(within(oak).getByText("Close Dec 15, 2026")).toBeInTheDocument();
    expect(within(oak).getByText("12 d in stage")).toBeInTheDocument();
    expect(within(oak).getByText("$250,000")).toBeInTheDocument();
    expect(screen.getByText(/3 open deals · \$1.4M total/)).toBeInTheDocument();
    // Keyboard dragging is offered on every card's grip.
    expect(screen.getByRole("button", { name: "Drag Oak St duplex" })).toHaveAttribute("aria-roledescription", "sortable");
  });

  it("keeps the filters in the URL and asks the API for them", async () => {
    const { router, fetchMock } = renderBoard(board([[card({ title: "Oak St duplex" })]]), undefined, "/pipeline?market=TX&minValue=abc");
    await screen.findByText("Oak St duplex");
    // A bad value in the address bar is dropped, a good one is used.
    expect(fetchMock.mock.calls.some(([u]) => String(u) === "/api/pipeline?market=TX")).toBe(true);
    expect(screen.getByLabelText("Market")).toHaveValue("TX");

    fireEvent.change(screen.getByLabelText("Owner"), { target: { value: "me" } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ ownerId: "me", market: "TX" }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([u]) => String(u) === "/api/pipeline?ownerId=me&market=TX")).toBe(true));

    fireEvent.change(screen.getByLabelText("Min value"), { target: { value: "100000" } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ minValue: "100000" }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([u]) => String(u) === "/api/pipeline?ownerId=me&market=TX&minValue=100000")).toBe(true));

    fireEvent.click(screen.getByRole("button", { name: /Clear filters/ }));
    await waitFor(() => expect(router.state.location.search).toEqual({}));
  });

  it("moves a card at once and puts it back with a message when the server refuses a stale version (409)", async () => {
    const a = card({ title: "Oak St duplex", value: 250_000, version: 4 });
    const answer = deferred<Response>();
    const { calls } = renderBoard(board([[a], []]), (url, init) => (url === `/api/opportunities/${a.id}/move` && init.method === "POST" ? answer.promise : undefined));
    await screen.findByText("Oak St duplex");
    await moveViaMenu("Oak St duplex", "Qualified");

    // Optimistic: already in Qualified, the totals moved with it.
    await waitFor(() => expect(within(column("Qualified")).getByText("Oak St duplex")).toBeInTheDocument());
    expect(countOf("New")).toBe("0");
    expect(countOf("Qualified")).toBe("1");
    expect(totalOf("Qualified")).toBe("$250K");
    expect(weightedOf("Qualified")).toBe("$125K weighted");
    expect(calls("POST", `/api/opportunities/${a.id}/move`)).toEqual([{ stageId: STAGES[1].id, position: 0, version: 4 }]);

    await act(async () => answer.resolve(apiError(409, "version_conflict", "This deal was changed by someone else", { version: "is stale" })));
    await waitFor(() => expect(within(column("New")).getByText("Oak St duplex")).toBeInTheDocument());
    expect(countOf("Qualified")).toBe("0");
    expect(totalOf("New")).toBe("$250K");
    expect(await screen.findByText("Couldn't move “Oak St duplex”")).toBeInTheDocument();
    expect(screen.getAllByText(/Someone else changed this deal/)[0]).toBeInTheDocument();
  });

  it("keeps a move the server accepts, with the card's new version", async () => {
    const a = card({ title: "Oak St duplex", version: 1 });
    const { calls } = renderBoard(board([[a], []]), (url, init) =>
      url === `/api/opportunities/${a.id}/move` && init.method === "POST"
        ? jsonResponse({ ...a, stageId: STAGES[1].id, version: 2, stageEnteredAt: new Date().toISOString() })
        : undefined,
    );
    await screen.findByText("Oak St duplex");
    await moveViaMenu("Oak St duplex", "Qualified");
    await waitFor(() => expect(calls("POST", `/api/opportunities/${a.id}/move`)).toHaveLength(1));
    await waitFor(() => expect(within(column("Qualified")).getByText("0 d in stage")).toBeInTheDocument());
    // The next move sends the version the server handed back.
    await moveViaMenu("Oak St duplex", "Closed Won");
    await waitFor(() => expect(calls("POST", `/api/opportunities/${a.id}/move`)[1]).toEqual({ stageId: STAGES[2].id, position: 0, version: 2 }));
  });

  it("asks for a reason before closing as lost; cancel puts the card back", async () => {
    const a = card({ title: "Oak St duplex", version: 2 });
    const { calls } = renderBoard(board([[a], [], [], []]), (url, init) =>
      url === `/api/opportunities/${a.id}/move` && init.method === "POST" ? jsonResponse({ ...a, stageId: STAGES[3].id, version: 3 }) : undefined,
    );
    await screen.findByText("Oak St duplex");
    await moveViaMenu("Oak St duplex", "Closed Lost");
    const dialog = await screen.findByRole("dialog", { name: "Close “Oak St duplex” as lost" });
    expect(within(column("Closed Lost")).getByText("Oak St duplex")).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(within(column("New")).getByText("Oak St duplex")).toBeInTheDocument();
    expect(calls("POST", `/api/opportunities/${a.id}/move`)).toEqual([]);

    await moveViaMenu("Oak St duplex", "Closed Lost");
    const again = await screen.findByRole("dialog");
    fireEvent.click(within(again).getByRole("button", { name: "Close as lost" }));
    expect(await within(again).findByText("is required")).toBeInTheDocument();
    fireEvent.change(within(again).getByLabelText("Why was it lost?"), { target: { value: "Seller took a cash offer" } });
    fireEvent.click(within(again).getByRole("button", { name: "Close as lost" }));
    await waitFor(() => expect(calls("POST", `/api/opportunities/${a.id}/move`)).toEqual([{ stageId: STAGES[3].id, position: 0, version: 2, lostReason: "Seller took a cash offer" }]));
    expect(within(column("Closed Lost")).getByText("Oak St duplex")).toBeInTheDocument();
    expect(countOf("Closed Lost")).toBe("1");
  });

  it("renders the first cards of a long column and shows more on request", async () => {
    const many = Array.from({ length: 120 }, (_, i) => card({ title: `Bulk deal ${i}` }));
    renderBoard(board([many]));
    await screen.findByText("Bulk deal 0");
    expect(countOf("New")).toBe("120");
    expect(within(column("New")).getAllByRole("listitem")).toHaveLength(50);
    fireEvent.click(screen.getByRole("button", { name: "Show 50 more (70 hidden)" }));
    expect(within(column("New")).getAllByRole("listitem")).toHaveLength(100);
  });

  it("creates a deal from the New deal dialog and puts it on the board", async () => {
    const created = { ...card({ title: "Maple Rd flip", value: 180_000 }), stage: STAGES[0] } as unknown as OpportunityDetail;
    const { calls } = renderBoard(board([[], []]), (url, init) => (url === "/api/opportunities" && init.method === "POST" ? jsonResponse(created, 201) : undefined));
    fireEvent.click(await screen.findByRole("button", { name: "New deal" }));
    const form = await screen.findByRole("form", { name: "New deal" });
    fireEvent.change(within(form).getByLabelText("Title"), { target: { value: "Maple Rd flip" } });
    fireEvent.change(within(form).getByLabelText("Value ($)"), { target: { value: "180000" } });
    fireEvent.change(within(form).getByLabelText("Owner"), { target: { value: ADAM } });
    fireEvent.change(within(form).getByLabelText("State"), { target: { value: "tx" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add deal" }));
    await waitFor(() => expect(calls("POST", "/api/opportunities")).toEqual([{ title: "Maple Rd flip", value: 180000, ownerId: ADAM, property: { state: "TX" } }]));
    expect(await within(column("New")).findByText("Maple Rd flip")).toBeInTheDocument();
    expect(countOf("New")).toBe("1");
  });

  it("lets an owner rename, reorder and remove stages, and explains a refusal", async () => {
    let refuse = true;
    const { calls } = renderBoard(board([[card()]]), (url, init) =>
      url === "/api/pipeline/stages" && init.method === "PUT"
        ? refuse ? apiError(409, "stage_not_empty", "Closed Lost still holds deals.") : jsonResponse({ stages: STAGES })
        : undefined,
    );
    fireEvent.click(await screen.findByRole("button", { name: "Stages" }));
    const form = await screen.findByRole("form", { name: "Pipeline stages" });
    fireEvent.change(within(form).getByLabelText("Stage 2 name"), { target: { value: "Vetted" } });
    fireEvent.click(within(form).getByRole("button", { name: "Move Vetted up" }));
    fireEvent.click(within(form).getByRole("button", { name: "Remove Closed Lost" }));
    fireEvent.click(within(form).getByRole("button", { name: "Save stages" }));
    expect(await within(form).findByText(/Closed Lost still holds deals\. Move its deals/)).toBeInTheDocument();
    expect(calls("PUT", "/api/pipeline/stages")).toEqual([
      {
        stages: [
          { id: STAGES[1].id, name: "Vetted", kind: "open", probability: 50 },
          { id: STAGES[0].id, name: "New", kind: "open", probability: 10 },
          { id: STAGES[2].id, name: "Closed Won", kind: "won", probability: 100 },
        ],
      },
    ]);
    refuse = false;
    fireEvent.click(within(form).getByRole("button", { name: "Save stages" }));
    await waitFor(() => expect(screen.queryByRole("form", { name: "Pipeline stages" })).toBeNull());
  });
});
