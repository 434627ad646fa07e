import { createMemoryHistory } from "@tanstack/react-router";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, jsonResponse, mockFetch } from "@/test/fetchMock";
import { lead, orgId, user } from "@/test/fixtures";

type Handler = Parameters<typeof mockFetch>[0];

const empty = () => jsonResponse({ items: [], nextCursor: null });

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

  it("lists the leads in a table, with their score, and loads more with the cursor", async () => {
    const first = lead({ id: "11111111-1111-4111-8111-111111111111", firstName: "Ada", lastName: "Lovelace", score: 87.4 });
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
    expect(headers).toEqual(["Name", "Email", "Phone", "City/State", "Status", "Score", "Tags", "Created"]);
    const row = within(table).getByRole("row", { name: /Ada Lovelace/ });
    expect(row).toHaveTextContent("Austin, TX");
    expect(row).toHaveTextContent("cash-buyer");
    expect(row).toHaveTextContent("New");
    expect(within(row).getAllByRole("cell")[5]).toHaveTextContent("87");
    expect(leadCalls()).toEqual(["/api/leads?limit=50"]);

    fireEvent.click(screen.getByRole("button", { name: "Load more" }));

    const graceRow = await within(table).findByRole("row", { name: /grace@example.com/ });
    expect(within(graceRow).getAllByRole("cell")[5]).toHaveTextContent("—");
    expect(leadCalls()[1]).toBe("/api/leads?limit=50&cursor=cursor-2");
    await waitFor(() => expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument());
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

  it("loads more of the filtered list with the cursor", async () => {
    const ada = lead({ id: "11111111-1111-4111-8111-111111111111" });
    const kim = lead({ id: "33333333-3333-4333-8333-333333333333", firstName: "Kim", lastName: "Lee" });
    const { leadCalls } = renderLeads("/leads?status=new&sort=score", (url) =>
      url.includes("cursor=") ? jsonResponse({ items: [kim], nextCursor: null }) : jsonResponse({ items: [ada], nextCursor: "c2" }),
    );
    await screen.findByRole("row", { name: /Ada Lovelace/ });

    fireEvent.click(screen.getByRole("button", { name: "Load more" }));

    expect(await screen.findByRole("row", { name: /Kim Lee/ })).toBeInTheDocument();
    expect(leadCalls()).toEqual(["/api/leads?status=new&sort=score&limit=50", "/api/leads?status=new&sort=score&limit=50&cursor=c2"]);
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
