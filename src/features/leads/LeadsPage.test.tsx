import { createMemoryHistory } from "@tanstack/react-router";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, jsonResponse, mockFetch } from "@/test/fetchMock";
import { lead, orgId, user } from "@/test/fixtures";
import { LEAD_ROW_HEIGHT } from "./LeadsTable";

type Handler = Parameters<typeof mockFetch>[0];

const empty = () => jsonResponse({ items: [], nextCursor: null });

/** `n` distinct leads, "Lead 0 Test" … */
function manyLeads(n: number, from = 0) {
  return Array.from({ length: n }, (_, i) => {
    const k = from + i;
    const hex = k.toString(16).padStart(12, "0");
    return lead({ id: `aaaaaaaa-aaaa-4aaa-8aaa-${hex}`, firstName: `Lead ${k}`, lastName: "Test", email: `lead${k}@example.com`, phone: null });
  });
}

/** The whole app at `path` (so the URL, the route's validateSearch and the page work together). */
function renderLeads(path: string, handler: Handler = empty, role: OrgRole = "agent") {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  const fetchMock = mockFetch((url, init) =>
    url === "/api/me" ? jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role }] }) : handler(url, init),
  );
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) });
  render(<App router={router} />);
  const leadCalls = () => fetchMock.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith("/api/leads?"));
  const href = () => router.state.location.href;
  return { fetchMock, router, leadCalls, href };
}

describe("LeadsPage", () => {
  beforeEach(() => useMeStore.getState().reset());

  it("shows an empty state when there are no leads", async () => {
    const { leadCalls } = renderLeads("/leads");

    expect(await screen.findByText("No leads yet")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Add lead" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Clear filters" })).not.toBeInTheDocument();
    expect(leadCalls()).toEqual(["/api/leads?limit=50"]);
  });

  it("lists the leads in a table, with their score, and loads the next page with the cursor", async () => {
    const first = lead({ id: "11111111-1111-4111-8111-111111111111", firstName: "Ada", lastName: "Lovelace", score: 87.4, phone: "+15125550100" });
    const second = lead({
      id: "22222222-2222-4222-8222-222222222222",
      firstName: null,
      lastName: null,
      email: "grace@example.com",
      address: { street: null, city: null, state: null, zip: null },
      tags: [],
      status: "contacted",
    });
    const { leadCalls } = renderLeads("/leads", (url) =>
      url.includes("cursor=") ? jsonResponse({ items: [second], nextCursor: null }) : jsonResponse({ items: [first], nextCursor: "cursor-2" }),
    );

    const table = await screen.findByRole("table", { name: "Leads" });
    const headers = within(table).getAllByRole("columnheader").map((th) => th.textContent);
    expect(headers).toEqual(["", "Name", "Email", "Phone", "City/State", "Status", "Score", "Tags", "Created"]);
    const row = within(table).getByRole("row", { name: /Ada Lovelace/ });
    expect(row).toHaveTextContent("Austin, TX");
    expect(row).toHaveTextContent("cash-buyer");
    expect(row).toHaveTextContent("New");
    expect(row).toHaveTextContent("(512) 555-0100");
    expect(within(row).getByRole("link", { name: "Ada Lovelace" })).toHaveAttribute("href", `/leads/${first.id}`);
    expect(within(row).getAllByRole("cell")[6]).toHaveTextContent("87");

    // The end of the list is in view at once, so the next page follows without a click.
    const graceRow = await within(table).findByRole("row", { name: /grace@example.com/ });
    expect(within(graceRow).getAllByRole("cell")[6]).toHaveTextContent("—");
    expect(leadCalls()).toEqual(["/api/leads?limit=50", "/api/leads?limit=50&cursor=cursor-2"]);
    await waitFor(() => expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument());
    expect(screen.getByText("2 leads")).toBeInTheDocument();
  });

  it("reads the filters from the URL, shows them, and sends them to the API", async () => {
    const { leadCalls } = renderLeads(
      "/leads?q=austin&status=qualified,new,bogus&assigneeId=me&state=tx&city=Austin&zip=78701&scoreMin=80&scoreMax=40&createdFrom=2026-01-01&tags=Cash-Buyer&sort=score&utm_source=x",
    );

    expect(await screen.findByText("No leads match these filters")).toBeInTheDocument();
    expect(leadCalls()).toEqual([
      "/api/leads?q=austin&status=new,qualified&tags=cash-buyer&assigneeId=me&scoreMin=40&scoreMax=80&createdFrom=2026-01-01&city=Austin&state=TX&zip=78701&sort=score&limit=50",
    ]);

    expect(screen.getByRole("searchbox", { name: "Search leads" })).toHaveValue("austin");
    const statuses = screen.getByRole("group", { name: "Status" });
    expect(within(statuses).getByRole("button", { name: "New" })).toHaveAttribute("aria-pressed", "true");
    expect(within(statuses).getByRole("button", { name: "Qualified" })).toHaveAttribute("aria-pressed", "true");
    expect(within(statuses).getByRole("button", { name: "Contacted" })).toHaveAttribute("aria-pressed", "false");
    expect(screen.getByLabelText("Assignee")).toHaveValue("me");
    expect(screen.getByLabelText("Sort")).toHaveValue("score");
    expect(screen.getByRole("option", { name: "Highest score" })).toHaveProperty("selected", true);

    // A link with "more" filters opens with them on show.
    expect(screen.getByRole("button", { name: /More filters/ })).toHaveAttribute("aria-expanded", "true");
    const more = screen.getByRole("form", { name: "More filters" });
    expect(within(more).getByLabelText("State")).toHaveValue("TX");
    expect(within(more).getByLabelText("City")).toHaveValue("Austin");
    expect(within(more).getByLabelText("ZIP")).toHaveValue("78701");
    expect(within(more).getByLabelText("Score min")).toHaveValue(40);
    expect(within(more).getByLabelText("Score max")).toHaveValue(80);
    expect(within(more).getByLabelText("Created from")).toHaveValue("2026-01-01");
    expect(within(more).getByLabelText("Tags")).toHaveValue("cash-buyer");
  });

  it("puts what is typed in the search box into the URL after a pause, and refetches", async () => {
    const { router, leadCalls, href } = renderLeads("/leads?status=new", (url) =>
      url.includes("q=ada") ? jsonResponse({ items: [lead({ firstName: "Ada" })], nextCursor: null }) : empty(),
    );
    await screen.findByText("No leads match these filters");

    fireEvent.change(screen.getByRole("searchbox", { name: "Search leads" }), { target: { value: "a" } });
    fireEvent.change(screen.getByRole("searchbox", { name: "Search leads" }), { target: { value: "ada " } });
    expect(router.state.location.search).not.toHaveProperty("q");

    await waitFor(() => expect(href()).toBe("/leads?status=new&q=ada"));
    expect(await screen.findByRole("row", { name: /Ada Lovelace/ })).toBeInTheDocument();
    expect(leadCalls()).toEqual(["/api/leads?status=new&limit=50", "/api/leads?q=ada&status=new&limit=50"]);
    expect(screen.getByRole("searchbox", { name: "Search leads" })).toHaveValue("ada ");
  });

  it("updates the URL from the status chips, assignee and sort", async () => {
    const { leadCalls, href } = renderLeads("/leads");
    await screen.findByText("No leads yet");

    fireEvent.click(within(screen.getByRole("group", { name: "Status" })).getByRole("button", { name: "Contacted" }));
    await waitFor(() => expect(href()).toBe("/leads?status=contacted"));
    fireEvent.click(within(screen.getByRole("group", { name: "Status" })).getByRole("button", { name: "New" }));
    await waitFor(() => expect(href()).toBe("/leads?status=new,contacted"));

    fireEvent.change(screen.getByLabelText("Assignee"), { target: { value: "unassigned" } });
    await waitFor(() => expect(href()).toBe("/leads?status=new,contacted&assigneeId=unassigned"));

    fireEvent.change(screen.getByLabelText("Sort"), { target: { value: "name" } });
    await waitFor(() => expect(href()).toBe("/leads?status=new,contacted&assigneeId=unassigned&sort=name"));

    await waitFor(() => expect(leadCalls().at(-1)).toBe("/api/leads?status=new,contacted&assigneeId=unassigned&sort=name&limit=50"));
    expect(screen.getByLabelText("Sort")).toHaveValue("name");
  });

  it("applies More filters after checking them with the API's rules", async () => {
    const { href, leadCalls } = renderLeads("/leads");
    await screen.findByText("No leads yet");

    fireEvent.click(screen.getByRole("button", { name: "More filters" }));
    const more = screen.getByRole("form", { name: "More filters" });
    const type = (label: string, value: string) => fireEvent.change(within(more).getByLabelText(label), { target: { value } });
    type("ZIP", "787");
    type("State", "Texas!");
    type("Score min", "90");
    type("Score max", "50");
    fireEvent.click(within(more).getByRole("button", { name: "Apply filters" }));

    expect(await within(more).findByText("must be a 5-digit ZIP code")).toBeInTheDocument();
    expect(within(more).getByText("must be a two-letter state code")).toBeInTheDocument();
    expect(within(more).getByText("must not be above Score max")).toBeInTheDocument();
    expect(href()).toBe("/leads");

    type("ZIP", "78701");
    type("State", "tx");
    type("Score min", "50");
    type("Score max", "90");
    type("Created to", "2026-03-31");
    type("Tags", "probate, Cash-Buyer");
    fireEvent.click(within(more).getByRole("button", { name: "Apply filters" }));

    await waitFor(() => expect(href()).toBe("/leads?state=TX&zip=78701&scoreMin=50&scoreMax=90&createdTo=2026-03-31&tags=probate,cash-buyer"));
    await waitFor(() =>
      expect(leadCalls().at(-1)).toBe("/api/leads?tags=probate,cash-buyer&scoreMin=50&scoreMax=90&createdTo=2026-03-31&state=TX&zip=78701&limit=50"),
    );
    expect(screen.getByRole("button", { name: /More filters/ })).toHaveAccessibleName("More filters, 6 active");
  });

  it("clears the filters (but not the sort) and the search box", async () => {
    const { href } = renderLeads("/leads?q=smith&status=dead&zip=78701&sort=updated");
    await screen.findByText("No leads match these filters");
    expect(screen.getByRole("searchbox", { name: "Search leads" })).toHaveValue("smith");

    fireEvent.click(screen.getAllByRole("button", { name: "Clear filters" })[0]);

    await waitFor(() => expect(href()).toBe("/leads?sort=updated"));
    expect(screen.getByRole("searchbox", { name: "Search leads" })).toHaveValue("");
    expect(await screen.findByText("No leads yet")).toBeInTheDocument();
    expect(screen.getByRole("form", { name: "More filters" })).toHaveFormValues({ zip: "" });
  });

  it("loads more of the filtered list with the cursor from the Load more button", async () => {
    const page1 = manyLeads(60);
    const kim = lead({ id: "33333333-3333-4333-8333-333333333333", firstName: "Kim", lastName: "Lee" });
    const { leadCalls } = renderLeads("/leads?status=new&sort=score", (url) =>
      url.includes("cursor=") ? jsonResponse({ items: [kim], nextCursor: null }) : jsonResponse({ items: page1, nextCursor: "c2" }),
    );
    await screen.findByRole("row", { name: /Lead 0 Test/ });
    expect(screen.getByText("60 leads loaded")).toBeInTheDocument();
    // The end of 60 rows is out of view: nothing more is fetched until asked.
    expect(leadCalls()).toEqual(["/api/leads?status=new&sort=score&limit=50"]);

    fireEvent.click(screen.getByRole("button", { name: "Load more" }));

    await waitFor(() => expect(leadCalls()).toEqual(["/api/leads?status=new&sort=score&limit=50", "/api/leads?status=new&sort=score&limit=50&cursor=c2"]));
    expect(await screen.findByText("61 leads match")).toBeInTheDocument();
  });

  it("moves a lead the new one was merged into to the top instead of adding a row", async () => {
    const ada = lead({ id: "11111111-1111-4111-8111-111111111111", firstName: "Ada", lastName: "Lovelace" });
    const grace = lead({ id: "22222222-2222-4222-8222-222222222222", firstName: "Grace", lastName: "Hopper", email: "grace@example.com" });
    const mergedGrace = { ...grace, phone: "+15125550199", updatedAt: "2026-03-05T15:00:00.000Z" };
    renderLeads("/leads", (_url, init) =>
      init.method === "POST" ? jsonResponse(mergedGrace, 200) : jsonResponse({ items: [ada, grace], nextCursor: null }),
    );
    const table = await screen.findByRole("table", { name: "Leads" });

    fireEvent.click(screen.getByRole("button", { name: "Add lead" }));
    const dialog = screen.getByRole("dialog", { name: "Add lead" });
    fireEvent.change(within(dialog).getByLabelText("Email"), { target: { value: "grace@example.com" } });
    fireEvent.change(within(dialog).getByLabelText("Phone"), { target: { value: "512-555-0199" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save lead" }));

    expect(await screen.findByText("Merged into an existing lead")).toBeInTheDocument();
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(3));
    const [, first, second] = within(table).getAllByRole("row");
    expect(first).toHaveTextContent("Grace Hopper");
    expect(first).toHaveTextContent("(512) 555-0199"); // the merged lead's phone, shown formatted
    expect(second).toHaveTextContent("Ada Lovelace");
  });

  it("puts a new lead (201) at the top", async () => {
    const ada = lead({ id: "11111111-1111-4111-8111-111111111111", firstName: "Ada", lastName: "Lovelace" });
    const kim = lead({ id: "33333333-3333-4333-8333-333333333333", firstName: "Kim", lastName: "Lee", email: "kim@example.com" });
    renderLeads("/leads", (_url, init) => (init.method === "POST" ? jsonResponse(kim, 201) : jsonResponse({ items: [ada], nextCursor: null })));
    const table = await screen.findByRole("table", { name: "Leads" });

    fireEvent.click(screen.getByRole("button", { name: "Add lead" }));
    const dialog = screen.getByRole("dialog", { name: "Add lead" });
    fireEvent.change(within(dialog).getByLabelText("First name"), { target: { value: "Kim" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save lead" }));

    expect(await screen.findByText("Lead added")).toBeInTheDocument();
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(3));
    expect(within(table).getAllByRole("row")[1]).toHaveTextContent("Kim Lee");
  });

  it("explains that investors cannot see leads", async () => {
    renderLeads("/leads", () => apiError(403, "forbidden", "Forbidden"), "investor");

    expect(await screen.findByText("Leads aren't shared with your role")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add lead" })).not.toBeInTheDocument();
  });
});

// ——— Virtualised rows, selection and bulk actions, saved views ——————————————————————————————

const agent = { userId: user.id, email: user.email, fullName: "Avery Agent", role: "agent", createdAt: "2026-01-01T00:00:00.000Z" };
const owner = { userId: "c69a1d2e-3f4a-4b5c-8d9e-0a1b2c3d4e5f", email: "owner@demo.test", fullName: "Olivia Owner", role: "owner", createdAt: "2026-01-01T00:00:00.000Z" };
const investor = { userId: "e1e2e3e4-3f4a-4b5c-8d9e-0a1b2c3d4e5f", email: "investor@demo.test", fullName: "Ivy Investor", role: "investor", createdAt: "2026-01-01T00:00:00.000Z" };

const ada = lead({ id: "11111111-1111-4111-8111-111111111111", firstName: "Ada", lastName: "Lovelace", tags: ["cash-buyer", "probate"] });
const grace = lead({ id: "22222222-2222-4222-8222-222222222222", firstName: "Grace", lastName: "Hopper", email: "grace@example.com", tags: ["probate"] });
const kim = lead({ id: "33333333-3333-4333-8333-333333333333", firstName: "Kim", lastName: "Lee", email: "kim@example.com", tags: [] });

type View = { id: string; name: string; query: Record<string, unknown>; shared: boolean; ownerId: string; mine: boolean; createdAt: string };
const view = (overrides: Partial<View>): View => ({
  id: "99999999-9999-4999-8999-999999999999",
  name: "Hot probate",
  query: { tags: ["probate"], sort: "score" },
  shared: false,
  ownerId: user.id,
  mine: true,
  createdAt: "2026-03-01T00:00:00.000Z",
  ...overrides,
});

/** A fake API for the list: GET /api/leads answers `items`, bulk actions succeed on every id unless `bulk` says otherwise. */
function fakeApi({
  items = [ada, grace, kim],
  views = [] as View[],
  bulk,
  saveView,
}: {
  items?: ReturnType<typeof lead>[];
  views?: View[];
  bulk?: (body: { action: string; ids: string[] }) => Response;
  saveView?: (body: Record<string, unknown>) => Response;
} = {}): Handler {
  return (url, init) => {
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    if (url === "/api/leads/bulk") {
      const request = body as { action: string; ids: string[] };
      return bulk ? bulk(request) : jsonResponse({ action: request.action, affected: request.ids, skipped: [] });
    }
    if (url === "/api/org/members") return jsonResponse({ items: [owner, agent, investor] });
    if (url === "/api/saved-views" && init.method === "POST") return saveView ? saveView(body!) : jsonResponse(view({ id: "88888888-8888-4888-8888-888888888888", ...body }), 201);
    if (url === "/api/saved-views") return jsonResponse({ items: views });
    if (url.startsWith("/api/saved-views/") && init.method === "DELETE") return new Response(null, { status: 204 });
    if (url.startsWith("/api/leads?")) return jsonResponse({ items, nextCursor: null });
    return apiError(404, "not_found", `No route for ${url}`);
  };
}

const calls = (fetchMock: ReturnType<typeof mockFetch>, path: string) =>
  fetchMock.mock.calls.filter(([url]) => String(url) === path).map(([, init]) => ({ method: init?.method ?? "GET", body: init?.body ? JSON.parse(String(init.body)) : undefined }));

/** Opens a Radix dropdown menu from its trigger (as the keyboard does) and picks an item. */
async function pick(trigger: HTMLElement, item: string | RegExp) {
  fireEvent.keyDown(trigger, { key: "Enter" });
  fireEvent.click(await screen.findByRole("menuitem", { name: item }));
}

const bar = () => screen.getByRole("region", { name: "Bulk actions" });
const select = (name: string) => fireEvent.click(screen.getByRole("checkbox", { name: `Select ${name}` }));

describe("LeadsPage: virtualised rows", () => {
  beforeEach(() => useMeStore.getState().reset());
  afterEach(() => Object.defineProperty(window, "scrollY", { value: 0, configurable: true, writable: true }));

  it("renders only the rows in view of a long list, and the next ones as the window scrolls, loading the next page near the end", async () => {
    const first = manyLeads(200);
    const second = manyLeads(50, 200);
    const { leadCalls } = renderLeads("/leads", (url) =>
      url.includes("cursor=") ? jsonResponse({ items: second, nextCursor: null }) : jsonResponse({ items: first, nextCursor: "c2" }),
    );
    const table = await screen.findByRole("table", { name: "Leads" });
    await within(table).findByRole("row", { name: /Lead 0 Test/ });

    const rendered = () => within(table).getAllByRole("row").slice(1);
    // jsdom's window is 768px tall: about 16 rows in view, plus the overscan.
    expect(rendered().length).toBeGreaterThan(10);
    expect(rendered().length).toBeLessThan(40);
    expect(table).toHaveAttribute("aria-rowcount", "-1");
    expect(rendered()[0]).toHaveAttribute("aria-rowindex", "2");
    expect(within(table).queryByRole("row", { name: /Lead 100 Test/ })).not.toBeInTheDocument();
    expect(leadCalls()).toEqual(["/api/leads?limit=50"]);

    // Scroll to row 100: it is rendered, the first rows are not, and the next page is still not needed.
    Object.defineProperty(window, "scrollY", { value: 100 * LEAD_ROW_HEIGHT, configurable: true, writable: true });
    fireEvent.scroll(window);
    expect(await within(table).findByRole("row", { name: /Lead 100 Test/ })).toHaveAttribute("aria-rowindex", "102");
    expect(within(table).queryByRole("row", { name: /Lead 0 Test/ })).not.toBeInTheDocument();
    expect(rendered().length).toBeLessThan(40);
    expect(leadCalls()).toHaveLength(1);

    // Near the end of the loaded rows the next page is fetched with the cursor, and scrolling on shows it.
    Object.defineProperty(window, "scrollY", { value: 190 * LEAD_ROW_HEIGHT, configurable: true, writable: true });
    fireEvent.scroll(window);
    await waitFor(() => expect(leadCalls()).toEqual(["/api/leads?limit=50", "/api/leads?limit=50&cursor=c2"]));
    expect(await screen.findByText("250 leads")).toBeInTheDocument();
    expect(table).toHaveAttribute("aria-rowcount", "251");
    Object.defineProperty(window, "scrollY", { value: 240 * LEAD_ROW_HEIGHT, configurable: true, writable: true });
    fireEvent.scroll(window);
    expect(await within(table).findByRole("row", { name: /Lead 249 Test/ })).toHaveAttribute("aria-rowindex", "251");
  });
});

describe("LeadsPage: loading pages", () => {
  beforeEach(() => useMeStore.getState().reset());

  it("stops loading pages by itself when one fails, and Load more tries again", async () => {
    let failing = true;
    const { leadCalls } = renderLeads("/leads", (url) =>
      url.includes("cursor=")
        ? failing
          ? apiError(500, "internal_error", "Something broke")
          : jsonResponse({ items: [kim], nextCursor: null })
        : jsonResponse({ items: [ada], nextCursor: "c2" }),
    );
    expect(await screen.findByText("Couldn't load more leads")).toBeInTheDocument();
    expect(screen.getByText("Something broke")).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 50));
    expect(leadCalls()).toEqual(["/api/leads?limit=50", "/api/leads?limit=50&cursor=c2"]);

    failing = false;
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByRole("row", { name: /Kim Lee/ })).toBeInTheDocument();
    expect(leadCalls()).toHaveLength(3);
  });
});

describe("LeadsPage: selection and bulk actions", () => {
  beforeEach(() => {
    useMeStore.getState().reset();
    // Radix menus measure themselves; jsdom has no ResizeObserver.
    vi.stubGlobal(
      "ResizeObserver",
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
  });

  it("selects rows with their checkboxes (shift-click for a range) and all loaded rows with the header's", async () => {
    renderLeads("/leads", fakeApi());
    await screen.findByRole("row", { name: /Ada Lovelace/ });
    expect(screen.queryByRole("region", { name: "Bulk actions" })).not.toBeInTheDocument();

    select("Ada Lovelace");
    expect(within(bar()).getByRole("status")).toHaveTextContent("1 selected");
    expect(screen.getByRole("checkbox", { name: "Select Ada Lovelace" })).toBeChecked();
    const all = screen.getByRole("checkbox", { name: "Select all loaded leads" });
    expect(all).not.toBeChecked();
    expect(all).toHaveProperty("indeterminate", true);

    fireEvent.click(screen.getByRole("checkbox", { name: "Select Kim Lee" }), { shiftKey: true });
    expect(within(bar()).getByRole("status")).toHaveTextContent("3 selected");
    expect(all).toBeChecked();

    fireEvent.click(all);
    expect(screen.queryByRole("region", { name: "Bulk actions" })).not.toBeInTheDocument();
    fireEvent.click(all);
    expect(within(bar()).getByRole("status")).toHaveTextContent("3 selected");
    fireEvent.click(within(bar()).getByRole("button", { name: "Clear selection" }));
    expect(screen.queryByRole("region", { name: "Bulk actions" })).not.toBeInTheDocument();
  });

  it("changes the status of the selected leads, then says how many, reloads the list and clears the selection", async () => {
    const { fetchMock, leadCalls } = renderLeads("/leads", fakeApi());
    await screen.findByRole("row", { name: /Ada Lovelace/ });
    select("Ada Lovelace");
    select("Kim Lee");

    await pick(within(bar()).getByRole("button", { name: "Status" }), "Contacted");

    expect(await screen.findByText("2 leads set to Contacted")).toBeInTheDocument();
    expect(calls(fetchMock, "/api/leads/bulk")).toEqual([{ method: "POST", body: { action: "status", ids: [ada.id, kim.id], status: "contacted" } }]);
    await waitFor(() => expect(leadCalls()).toEqual(["/api/leads?limit=50", "/api/leads?limit=50"]));
    expect(screen.queryByRole("region", { name: "Bulk actions" })).not.toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Select Ada Lovelace" })).not.toBeChecked();
    // The bar is gone; keyboard focus lands on the table rather than nowhere.
    expect(screen.getByRole("checkbox", { name: "Select all loaded leads" })).toHaveFocus();
  });

  it("assigns the selected leads to a staff member, or unassigns them", async () => {
    const { fetchMock } = renderLeads("/leads", fakeApi());
    await screen.findByRole("row", { name: /Ada Lovelace/ });
    select("Grace Hopper");

    const assign = within(bar()).getByRole("button", { name: "Assign" });
    fireEvent.keyDown(assign, { key: "Enter" });
    expect(await screen.findByRole("menuitem", { name: "Olivia Owner" })).toBeInTheDocument();
    expect(screen.getByRole("menuitem", { name: /Avery Agent/ })).toHaveTextContent("you");
    // Investors can't be assignees (the API refuses them).
    expect(screen.queryByRole("menuitem", { name: /Ivy Investor/ })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole("menuitem", { name: "Olivia Owner" }));
    expect(await screen.findByText("1 lead assigned to Olivia Owner")).toBeInTheDocument();

    select("Ada Lovelace");
    await pick(within(bar()).getByRole("button", { name: "Assign" }), "Unassign");
    expect(await screen.findByText("1 lead unassigned")).toBeInTheDocument();

    expect(calls(fetchMock, "/api/leads/bulk").map((c) => c.body)).toEqual([
      { action: "assign", ids: [grace.id], assigneeId: owner.userId },
      { action: "assign", ids: [ada.id], assigneeId: null },
    ]);
  });

  it("adds and removes tags, checked with the API's rules", async () => {
    const { fetchMock } = renderLeads("/leads", fakeApi());
    await screen.findByRole("row", { name: /Ada Lovelace/ });
    select("Ada Lovelace");
    select("Grace Hopper");

    await pick(within(bar()).getByRole("button", { name: "Tags" }), "Add tag…");
    let dialog = await screen.findByRole("dialog", { name: "Add tags" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add tags" }));
    expect(await within(dialog).findByText("name at least one tag")).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText("Tags"), { target: { value: "Hot, probate , " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add tags" }));
    expect(await screen.findByText("Tagged 2 leads “hot”, “probate”")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    select("Grace Hopper");
    await pick(within(bar()).getByRole("button", { name: "Tags" }), "Remove tag…");
    dialog = await screen.findByRole("dialog", { name: "Remove tags" });
    // The selected leads' tags are offered.
    fireEvent.click(within(dialog).getByRole("button", { name: "probate" }));
    expect(within(dialog).getByLabelText("Tags")).toHaveValue("probate");
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove tags" }));
    expect(await screen.findByText("Removed “probate” from 1 lead")).toBeInTheDocument();

    expect(calls(fetchMock, "/api/leads/bulk").map((c) => c.body)).toEqual([
      { action: "tag", ids: [ada.id, grace.id], tags: ["hot", "probate"] },
      { action: "untag", ids: [grace.id], tags: ["probate"] },
    ]);
  });

  it("deletes the selected leads to the trash, and Undo restores them", async () => {
    const { fetchMock } = renderLeads("/leads", fakeApi());
    await screen.findByRole("row", { name: /Ada Lovelace/ });
    select("Ada Lovelace");
    select("Kim Lee");

    fireEvent.click(within(bar()).getByRole("button", { name: "Delete" }));

    expect(await screen.findByText("2 leads moved to the trash")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(await screen.findByText("2 leads restored")).toBeInTheDocument();
    expect(calls(fetchMock, "/api/leads/bulk").map((c) => c.body)).toEqual([
      { action: "delete", ids: [ada.id, kim.id] },
      { action: "restore", ids: [ada.id, kim.id] },
    ]);
  });

  it("says which leads were skipped, and shows the API's error with its fields", async () => {
    let attempt = 0;
    renderLeads(
      "/leads",
      fakeApi({
        bulk: (body) =>
          ++attempt === 1
            ? jsonResponse({ action: body.action, affected: [body.ids[0]], skipped: [{ id: body.ids[1], reason: "not found" }] })
            : apiError(400, "validation_failed", "Invalid assigneeId", { assigneeId: "must be a staff member of this org" }),
      }),
    );
    await screen.findByRole("row", { name: /Ada Lovelace/ });
    select("Ada Lovelace");
    select("Grace Hopper");
    await pick(within(bar()).getByRole("button", { name: "Status" }), "Dead");
    expect(await screen.findByText("1 lead set to Dead")).toBeInTheDocument();
    expect(screen.getByText("1 lead skipped: not found.")).toBeInTheDocument();

    select("Ada Lovelace");
    await pick(within(bar()).getByRole("button", { name: "Assign" }), "Olivia Owner");
    expect(await screen.findByText("Couldn't assign the leads")).toBeInTheDocument();
    expect(screen.getByText("Invalid assigneeId: must be a staff member of this org")).toBeInTheDocument();
    // Nothing was done: the selection stays for another try.
    expect(within(bar()).getByRole("status")).toHaveTextContent("1 selected");
  });

  it("clears the selection when the filters change", async () => {
    const { href } = renderLeads("/leads", fakeApi());
    await screen.findByRole("row", { name: /Ada Lovelace/ });
    select("Ada Lovelace");
    fireEvent.click(within(screen.getByRole("group", { name: "Status" })).getByRole("button", { name: "New" }));
    await waitFor(() => expect(href()).toBe("/leads?status=new"));
    await waitFor(() => expect(screen.queryByRole("region", { name: "Bulk actions" })).not.toBeInTheDocument());
  });
});

describe("LeadsPage: saved views", () => {
  beforeEach(() => {
    useMeStore.getState().reset();
    vi.stubGlobal(
      "ResizeObserver",
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
  });

  it("lists personal and shared views and applies one by putting its filters in the URL", async () => {
    const mine = view({});
    const team = view({ id: "77777777-7777-4777-8777-777777777777", name: "Texas new", query: { status: ["new"], state: "TX", sort: "created" }, shared: true, ownerId: owner.userId, mine: false });
    const { href, leadCalls } = renderLeads("/leads?q=smith", fakeApi({ views: [mine, team] }));
    await screen.findByRole("row", { name: /Ada Lovelace/ });

    const trigger = screen.getByRole("button", { name: "Saved views" });
    fireEvent.keyDown(trigger, { key: "Enter" });
    const menu = await screen.findByRole("menu");
    expect(within(menu).getByText("Personal")).toBeInTheDocument();
    expect(within(menu).getByText("Shared with the org")).toBeInTheDocument();
    fireEvent.click(within(menu).getByRole("menuitem", { name: "Texas new" }));

    // The view replaces the filters (the search is gone); "Newest" is the default, so not in the URL.
    await waitFor(() => expect(href()).toBe("/leads?status=new&state=TX"));
    await waitFor(() => expect(leadCalls().at(-1)).toBe("/api/leads?status=new&state=TX&limit=50"));
    expect(screen.getByRole("button", { name: "Saved views (current: Texas new)" })).toBeInTheDocument();
    // An agent may not delete someone else's shared view.
    fireEvent.keyDown(screen.getByRole("button", { name: /Saved views/ }), { key: "Enter" });
    await screen.findByRole("menu");
    expect(screen.queryByRole("menuitem", { name: /Delete/ })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole("menuitem", { name: "Hot probate" }));
    await waitFor(() => expect(href()).toBe("/leads?tags=probate&sort=score"));
  });

  it("puts a view's search back in the search box, even one typed there before", async () => {
    const { href } = renderLeads("/leads", fakeApi({ views: [view({ name: "Adas", query: { q: "ada" } })] }));
    await screen.findByRole("row", { name: /Ada Lovelace/ });
    const box = screen.getByRole("searchbox", { name: "Search leads" });
    fireEvent.change(box, { target: { value: "ada" } });
    await waitFor(() => expect(href()).toBe("/leads?q=ada"));
    fireEvent.click(screen.getAllByRole("button", { name: "Clear filters" })[0]);
    await waitFor(() => expect(href()).toBe("/leads"));
    expect(box).toHaveValue("");

    await pick(screen.getByRole("button", { name: "Saved views" }), "Adas");

    await waitFor(() => expect(href()).toBe("/leads?q=ada"));
    expect(box).toHaveValue("ada");
  });

  it("saves the current filters and sort as a view, personal or shared", async () => {
    const { fetchMock } = renderLeads("/leads?status=new,contacted&scoreMin=40&sort=score", fakeApi());
    await screen.findByRole("row", { name: /Ada Lovelace/ });

    await pick(screen.getByRole("button", { name: "Saved views" }), "Save current view…");
    const dialog = await screen.findByRole("dialog", { name: "Save view" });
    expect(dialog).toHaveTextContent("Status: New, Contacted");
    expect(dialog).toHaveTextContent("Score ≥ 40");
    expect(dialog).toHaveTextContent("Sorted by Highest score");
    fireEvent.click(within(dialog).getByRole("button", { name: "Save view" }));
    expect(await within(dialog).findByText("is required")).toBeInTheDocument();

    fireEvent.change(within(dialog).getByLabelText("Name"), { target: { value: "  Warm leads " } });
    fireEvent.click(within(dialog).getByRole("checkbox", { name: /Share with the org/ }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Save view" }));

    expect(await screen.findByText("View saved")).toBeInTheDocument();
    expect(calls(fetchMock, "/api/saved-views").filter((c) => c.method === "POST")).toEqual([
      { method: "POST", body: { name: "Warm leads", shared: true, query: { status: ["new", "contacted"], scoreMin: 40, sort: "score" } } },
    ]);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    // The new view is the one on screen.
    expect(screen.getByRole("button", { name: "Saved views (current: Warm leads)" })).toBeInTheDocument();
  });

  it("shows the API's error on the save form", async () => {
    renderLeads("/leads", fakeApi({ saveView: () => apiError(400, "validation_failed", "Invalid name", { name: "is too long" }) }));
    await screen.findByRole("row", { name: /Ada Lovelace/ });
    await pick(screen.getByRole("button", { name: "Saved views" }), "Save current view…");
    const dialog = await screen.findByRole("dialog", { name: "Save view" });
    fireEvent.change(within(dialog).getByLabelText("Name"), { target: { value: "Mine" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save view" }));
    expect(await within(dialog).findByText("is too long")).toBeInTheDocument();
  });

  it("deletes the view on screen when it is yours", async () => {
    const { fetchMock } = renderLeads("/leads?tags=probate&sort=score", fakeApi({ views: [view({})] }));
    await screen.findByRole("row", { name: /Ada Lovelace/ });
    const trigger = await screen.findByRole("button", { name: "Saved views (current: Hot probate)" });

    await pick(trigger, "Delete “Hot probate”");

    expect(await screen.findByText("View deleted")).toBeInTheDocument();
    expect(calls(fetchMock, `/api/saved-views/${view({}).id}`)).toEqual([{ method: "DELETE", body: undefined }]);
    expect(screen.getByRole("button", { name: "Saved views" })).toBeInTheDocument();
  });
});
