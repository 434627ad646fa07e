import { createMemoryHistory } from "@tanstack/react-router";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import type { Lead } from "@/domain/leads";
import type { Task } from "@/domain/leadWork";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, jsonResponse, mockFetch } from "@/test/fetchMock";
import { lead, orgId, user } from "@/test/fixtures";

const LEAD_ID = "11111111-1111-4111-8111-111111111111";
const OTHER_ID = "22222222-2222-4222-8222-222222222222";
const ADAM = "33333333-3333-4333-8333-333333333333";
const members = [
  { userId: user.id, email: user.email, fullName: "Avery Agent", role: "agent", createdAt: "2026-01-01T00:00:00Z" },
  { userId: ADAM, email: "adam@demo.test", fullName: "Adam Agent", role: "agent", createdAt: "2026-01-01T00:00:00Z" },
  { userId: "44444444-4444-4444-8444-444444444444", email: "ivy@demo.test", fullName: "Ivy Investor", role: "investor", createdAt: "2026-01-01T00:00:00Z" },
];

type Route = (url: string, init: RequestInit) => Response | undefined;

function renderLead(current: Lead, route: Route = () => undefined) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  const fetchMock = mockFetch((url, init) => {
    const routed = route(url, init);
    if (routed) return routed;
    if (url === "/api/me") return jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role: "agent" }] });
    if (url === "/api/org/members") return jsonResponse({ items: members });
    if (url === `/api/leads/${LEAD_ID}` && (init.method ?? "GET") === "GET") return jsonResponse(current);
    if (url.startsWith(`/api/leads/${LEAD_ID}/activities`)) return jsonResponse({ items: [], nextCursor: null });
    if (url === `/api/leads/${LEAD_ID}/tasks` && (init.method ?? "GET") === "GET") return jsonResponse({ items: [] });
    return jsonResponse({ error: { code: "not_found", message: `unexpected ${url}` } }, 404);
  });
  render(<App router={createAppRouter({ history: createMemoryHistory({ initialEntries: [`/leads/${LEAD_ID}`] }) })} />);
  const calls = (method: string, path: string) =>
    fetchMock.mock.calls.filter(([u, i]) => String(u) === path && (i?.method ?? "GET") === method).map(([, i]) => (i?.body ? JSON.parse(String(i.body)) : null));
  return { fetchMock, calls };
}

const task = (over: Partial<Task> = {}): Task => ({
  id: "55555555-5555-4555-8555-555555555555",
  title: "Call back",
  status: "open",
  dueAt: null,
  assigneeId: null,
  leadId: LEAD_ID,
  opportunityId: null,
  completedAt: null,
  createdAt: "2026-11-01T00:00:00Z",
  ...over,
});

describe("LeadDetailPage", () => {
  beforeEach(() => useMeStore.getState().reset());

  it("edits the contact with the API's rules and sends only the changed fields", async () => {
    const current = lead({ id: LEAD_ID, firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" });
    const { calls } = renderLead(current, (url, init) =>
      url === `/api/leads/${LEAD_ID}` && init.method === "PATCH" ? jsonResponse({ ...current, address: { ...current.address, city: "Round Rock" } }) : undefined,
    );
    fireEvent.click(await screen.findByRole("button", { name: "Edit contact" }));
    const form = screen.getByRole("form", { name: "Edit contact" });
    fireEvent.change(within(form).getByLabelText("Email"), { target: { value: "not-an-email" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    expect(await within(form).findByText("must be a valid email address")).toBeInTheDocument();
    expect(calls("PATCH", `/api/leads/${LEAD_ID}`)).toEqual([]);

    fireEvent.change(within(form).getByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.change(within(form).getByLabelText("City"), { target: { value: "Round Rock" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(calls("PATCH", `/api/leads/${LEAD_ID}`)).toEqual([{ address: { city: "Round Rock" } }]));
    expect(await screen.findByText(/Round Rock/)).toBeInTheDocument();
  });

  it("puts a field the server rejects under that field", async () => {
    const current = lead({ id: LEAD_ID });
    renderLead(current, (url, init) =>
      url === `/api/leads/${LEAD_ID}` && init.method === "PATCH" ? apiError(409, "duplicate_lead", "Another lead has this email", { email: "belongs to another lead" }) : undefined,
    );
    fireEvent.click(await screen.findByRole("button", { name: "Edit contact" }));
    const form = screen.getByRole("form", { name: "Edit contact" });
    fireEvent.change(within(form).getByLabelText("Email"), { target: { value: "taken@example.com" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    expect(await within(form).findByText("belongs to another lead")).toBeInTheDocument();
  });

  it("assigns the lead to a staff member, never to an investor, and rolls back when refused", async () => {
    const current = lead({ id: LEAD_ID, assigneeId: null });
    let refuse = false;
    const { calls } = renderLead(current, (url, init) =>
      url === `/api/leads/${LEAD_ID}` && init.method === "PATCH"
        ? refuse ? apiError(403, "forbidden", "No") : jsonResponse({ ...current, assigneeId: ADAM })
        : undefined,
    );
    const select = (await screen.findByLabelText("Assignee")) as HTMLSelectElement;
    await waitFor(() => expect(within(select).getByRole("option", { name: "Adam Agent" })).toBeInTheDocument());
    expect(within(select).queryByRole("option", { name: "Ivy Investor" })).toBeNull();
    fireEvent.change(select, { target: { value: ADAM } });
    await waitFor(() => expect(calls("PATCH", `/api/leads/${LEAD_ID}`)).toEqual([{ assigneeId: ADAM }]));
    expect(select.value).toBe(ADAM);

    refuse = true;
    fireEvent.change(select, { target: { value: "" } });
    await waitFor(() => expect(select.value).toBe(ADAM));
    expect(await screen.findByText("Couldn't change the assignee")).toBeInTheDocument();
  });

  it("adds a task with a due date and ticks it off", async () => {
    const created = task({ dueAt: "2030-12-01T15:00:00.000Z" });
    const { calls } = renderLead(lead({ id: LEAD_ID }), (url, init) => {
      if (url === `/api/leads/${LEAD_ID}/tasks` && init.method === "POST") return jsonResponse(created, 201);
      if (url === `/api/tasks/${created.id}`) return jsonResponse({ ...created, status: "done" });
      return undefined;
    });
    const form = await screen.findByRole("form", { name: "New task" });
    fireEvent.click(within(form).getByRole("button", { name: "Add task" }));
    expect(await within(form).findByText("is required")).toBeInTheDocument();

    fireEvent.change(within(form).getByLabelText("New task"), { target: { value: "Call back" } });
    fireEvent.change(within(form).getByLabelText("Due"), { target: { value: "2030-12-01T15:00" } });
    fireEvent.change(within(form).getByLabelText("For"), { target: { value: ADAM } });
    fireEvent.click(within(form).getByRole("button", { name: "Add task" }));
    await waitFor(() =>
      expect(calls("POST", `/api/leads/${LEAD_ID}/tasks`)).toEqual([{ title: "Call back", dueAt: new Date(2030, 11, 1, 15, 0).toISOString(), assigneeId: ADAM }]),
    );
    const box = await screen.findByRole("checkbox", { name: "Complete task: Call back" });
    fireEvent.click(box);
    await waitFor(() => expect(calls("PATCH", `/api/tasks/${created.id}`)).toEqual([{ status: "done" }]));
  });

  it("shows an overdue task as overdue", async () => {
    renderLead(lead({ id: LEAD_ID }), (url) =>
      url === `/api/leads/${LEAD_ID}/tasks` ? jsonResponse({ items: [task({ dueAt: "2020-01-01T10:00:00Z" })] }) : undefined,
    );
    expect(await screen.findByText(/^Overdue · /)).toBeInTheDocument();
  });

  it("shows the contact checks and says when property enrichment is not configured", async () => {
    renderLead(lead({ id: LEAD_ID }), (url) =>
      url === `/api/leads/${LEAD_ID}/enrichment`
        ? jsonResponse({
            propertyProviderConfigured: false,
            contact: { provider: "offline", status: "done", costCents: 0, durationMs: 1, error: null, at: "2026-11-30T10:00:00Z", result: { email: { validSyntax: true, disposable: false, role: false, freeProvider: true, suggestion: "ada@gmail.com", hasMx: null }, phone: { valid: true, type: "MOBILE", region: "US" }, address: { county: "Travis", latitude: 30.2, longitude: -97.7, zipKnown: true, mismatches: ["city"] } } },
            property: { provider: "none", status: "not_configured", result: {}, costCents: 0, durationMs: 0, error: null, at: "2026-11-30T10:00:00Z" },
          })
        : undefined,
    );
    const checks = await screen.findByRole("region", { name: "Contact checks" });
    expect(within(checks).getByText("Did you mean ada@gmail.com?")).toBeInTheDocument();
    expect(checks).toHaveTextContent("Phone: valid mobile (US)");
    expect(checks).toHaveTextContent("Travis County");
    expect(checks).toHaveTextContent("city differ from the ZIP's");
    expect(screen.getByRole("region", { name: "Property record" })).toHaveTextContent("Property enrichment is not configured");
  });

  it("shows the property record the provider found, and queues enrichment again", async () => {
    const { calls } = renderLead(lead({ id: LEAD_ID }), (url, init) => {
      if (url === `/api/leads/${LEAD_ID}/enrich` && init.method === "POST") return jsonResponse({ queued: [LEAD_ID] }, 202);
      if (url === `/api/leads/${LEAD_ID}/enrichment`)
        return jsonResponse({
          propertyProviderConfigured: true,
          contact: null,
          property: { provider: "attom", status: "done", costCents: 12, durationMs: 80, error: null, at: "2026-11-30T10:00:00Z", result: { ownerName: "HALL, ROSA", beds: 4, baths: 2.5, sqft: 2100, yearBuilt: 1964, lotSizeSqft: 6534, assessedValue: 310000, marketValue: 612000, lastSaleDate: "2012-06-15", lastSalePrice: 182000, taxAmount: 6420.55 } },
        });
      return undefined;
    });
    const property = await screen.findByRole("region", { name: "Property record" });
    await within(property).findByText("HALL, ROSA");
    expect(property).toHaveTextContent("$310,000 / $612,000");
    expect(property).toHaveTextContent("ATTOM");
    expect(property).toHaveTextContent("$0.12");
    fireEvent.click(screen.getByRole("button", { name: "Enrich again" }));
    await waitFor(() => expect(calls("POST", `/api/leads/${LEAD_ID}/enrich`)).toHaveLength(1));
  });

  it("merges a duplicate, sending the values chosen from the other lead", async () => {
    const current = lead({ id: LEAD_ID, firstName: "Maria", lastName: "Garcia", email: null, phone: "+15125550134" });
    const other = lead({ id: OTHER_ID, firstName: "Maria", lastName: "Garcia", email: "maria@example.com", phone: "+15125550199" });
    const { calls } = renderLead(current, (url) => {
      if (url.startsWith("/api/leads?q=")) return jsonResponse({ items: [current, other], nextCursor: null });
      if (url === `/api/leads/${LEAD_ID}/merge`) return jsonResponse({ ...current, email: other.email });
      return undefined;
    });
    fireEvent.click(await screen.findByRole("button", { name: "Merge…" }));
    const dialog = await screen.findByRole("dialog");
    const matches = await within(dialog).findByRole("list", { name: "Matching leads" });
    await waitFor(() => expect(within(matches).getAllByRole("button")).toHaveLength(1)); // itself is left out
    fireEvent.click(within(matches).getByRole("button"));

    // Email: this lead has none, so the other's is preselected; phone: keep this one's unless chosen.
    expect(within(dialog).getByRole("radio", { name: "Keep the other lead's email" })).toBeChecked();
    expect(within(dialog).getByRole("radio", { name: "Keep this lead's phone" })).toBeChecked();
    fireEvent.click(within(dialog).getByRole("radio", { name: "Keep the other lead's phone" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Merge leads" }));
    await waitFor(() => expect(calls("POST", `/api/leads/${LEAD_ID}/merge`)).toEqual([{ otherId: OTHER_ID, keep: { email: "other", phone: "other" } }]));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(await screen.findByText("maria@example.com")).toBeInTheDocument();
  });
});
