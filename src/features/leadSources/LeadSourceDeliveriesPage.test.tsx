import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { renderWithRouter } from "@/test/renderWithRouter";
import { Toaster } from "@/ui/Toaster";
import { useToastStore } from "@/ui/toastStore";
import { LeadSourceDeliveriesPage } from "./LeadSourceDeliveriesPage";
import { leadSource, sourceId, webhookEvent } from "./testFixtures";

const leadId = "5b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const replayedLeadId = "6c2a3b4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

const accepted = webhookEvent({
  id: "11111111-1111-4111-8111-111111111111",
  status: "accepted",
  httpStatus: 202,
  leadId,
  idempotencyKey: "evt-1",
  body: '{"email":"ada@example.com","firstName":"Ada"}',
});
const duplicate = webhookEvent({ id: "22222222-2222-4222-8222-222222222222", status: "duplicate", httpStatus: 202, leadId, reason: "already received" });
const rejected = webhookEvent({
  id: "33333333-3333-4333-8333-333333333333",
  status: "rejected",
  httpStatus: 422,
  reason: "a lead needs a name, an email or a phone",
  body: '{"foo":"bar"}',
  replayable: true,
});
const failed = webhookEvent({ id: "44444444-4444-4444-8444-444444444444", status: "failed", httpStatus: 401, reason: "signature does not match" });

function signIn() {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  useMeStore.setState({ status: "ready", error: null, me: { user, memberships: [{ orgId, orgName: "Acme Realty", role: "owner" }] } });
}

function renderPage() {
  return renderWithRouter(
    <>
      <LeadSourceDeliveriesPage sourceId={sourceId} />
      <Toaster />
    </>,
    { path: `/settings/lead-sources/${sourceId}` },
  );
}

const eventCalls = (fetchMock: ReturnType<typeof mockFetch>) =>
  fetchMock.mock.calls.map(([url, init]) => `${init?.method ?? "GET"} ${url}`).filter((c) => c.includes("/api/webhook-events"));

describe("LeadSourceDeliveriesPage", () => {
  beforeEach(() => {
    useMeStore.getState().reset();
    useToastStore.setState({ toasts: [] });
    signIn();
  });

  it("lists the source's deliveries with status, HTTP status, reason, lead and raw body", async () => {
    const fetchMock = mockFetch((url) =>
      url.startsWith("/api/lead-sources") ? jsonResponse({ items: [leadSource()] }) : jsonResponse({ items: [accepted, duplicate, rejected, failed], nextCursor: null }),
    );
    renderPage();

    const table = await screen.findByRole("table", { name: "Deliveries" });
    expect(await screen.findByRole("heading", { name: "Deliveries: Website form" })).toBeInTheDocument();
    expect(eventCalls(fetchMock)).toEqual([`GET /api/webhook-events?sourceId=${sourceId}&limit=50`]);
    expect(within(table).getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["Received", "Status", "HTTP", "Reason", "Lead", "Actions"]);

    const [, ...rows] = within(table).getAllByRole("row");
    expect(rows.map((r) => within(r).getAllByRole("cell")[1].textContent)).toEqual(["Accepted", "Duplicate", "Rejected", "Failed"]);
    expect(rows[0]).toHaveTextContent("202");
    expect(rows[0]).toHaveTextContent(leadId);
    expect(rows[2]).toHaveTextContent("422");
    expect(rows[2]).toHaveTextContent("a lead needs a name, an email or a phone");
    expect(rows[3]).toHaveTextContent("signature does not match");
    expect(within(rows[0]).getByRole("time")).toHaveAttribute("dateTime", accepted.receivedAt);

    // Replay only where the server says it can be replayed.
    expect(within(table).getAllByRole("button", { name: "Replay" })).toHaveLength(1);
    expect(within(rows[2]).getByRole("button", { name: "Replay" })).toBeInTheDocument();

    // The raw body opens beneath its row.
    const toggle = within(rows[0]).getByRole("button", { name: "Raw body" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(within(rows[3]).queryByRole("button", { name: "Raw body" })).not.toBeInTheDocument();
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByLabelText("Raw body")).toHaveTextContent('"email": "ada@example.com"');
  });

  it("replays a delivery, toasts the result and reloads the list", async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url.startsWith("/api/lead-sources")) return jsonResponse({ items: [leadSource()] });
      if (init.method === "POST") return jsonResponse({ leadId: replayedLeadId, duplicate: false }, 202);
      return jsonResponse({ items: [rejected], nextCursor: null });
    });
    renderPage();

    fireEvent.click(await screen.findByRole("button", { name: "Replay" }));

    expect(await screen.findByText("Replayed: lead created")).toBeInTheDocument();
    expect(screen.getByText(`Lead ${replayedLeadId}`)).toBeInTheDocument();
    expect(eventCalls(fetchMock)[1]).toBe(`POST /api/webhook-events/${rejected.id}/replay`);
    await waitFor(() => expect(eventCalls(fetchMock)).toHaveLength(3));
    expect(eventCalls(fetchMock)[2]).toBe(`GET /api/webhook-events?sourceId=${sourceId}&limit=50`);
  });

  it("toasts a refused replay", async () => {
    mockFetch((url, init) => {
      if (url.startsWith("/api/lead-sources")) return jsonResponse({ items: [leadSource()] });
      if (init.method === "POST") return apiError(409, "not_replayable", "Only deliveries that passed the signature check can be replayed");
      return jsonResponse({ items: [rejected], nextCursor: null });
    });
    renderPage();

    fireEvent.click(await screen.findByRole("button", { name: "Replay" }));

    expect(await screen.findByText("Couldn't replay delivery")).toBeInTheDocument();
    expect(screen.getByText("Only deliveries that passed the signature check can be replayed")).toBeInTheDocument();
  });

  it("filters by status and loads more with the cursor", async () => {
    const fetchMock = mockFetch((url) => {
      if (url.startsWith("/api/lead-sources")) return jsonResponse({ items: [leadSource()] });
      if (url.includes("cursor=")) return jsonResponse({ items: [failed], nextCursor: null });
      if (url.includes("status=rejected")) return jsonResponse({ items: [rejected], nextCursor: "cursor-2" });
      return jsonResponse({ items: [accepted], nextCursor: null });
    });
    renderPage();
    const table = await screen.findByRole("table", { name: "Deliveries" });
    expect(within(table).getByRole("row", { name: /Accepted/ })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();

    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "rejected" } });

    expect(await screen.findByRole("row", { name: /Rejected/ })).toBeInTheDocument();
    expect(screen.queryByRole("row", { name: /Accepted/ })).not.toBeInTheDocument();
    expect(eventCalls(fetchMock)[1]).toBe(`GET /api/webhook-events?sourceId=${sourceId}&status=rejected&limit=50`);

    fireEvent.click(screen.getByRole("button", { name: "Load more" }));

    expect(await screen.findByRole("row", { name: /Failed/ })).toBeInTheDocument();
    expect(eventCalls(fetchMock)[2]).toBe(`GET /api/webhook-events?sourceId=${sourceId}&status=rejected&limit=50&cursor=cursor-2`);
    await waitFor(() => expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument());
  });

  it("has an empty state, and says when a filter matches nothing", async () => {
    mockFetch((url) => (url.startsWith("/api/lead-sources") ? jsonResponse({ items: [leadSource()] }) : jsonResponse({ items: [], nextCursor: null })));
    renderPage();

    expect(await screen.findByText("No deliveries yet")).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "failed" } });
    expect(await screen.findByText("No failed deliveries")).toBeInTheDocument();
  });
});
