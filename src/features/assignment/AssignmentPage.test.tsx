import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { AssignmentRule, OrgSettings } from "@/domain/assignment";
import type { Member } from "@/domain/orgs";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { renderWithRouter } from "@/test/renderWithRouter";
import { Toaster } from "@/ui/Toaster";
import { useToastStore } from "@/ui/toastStore";
import { AssignmentPage } from "./AssignmentPage";

const ann = "a0a0a0a0-0000-4000-8000-000000000001";
const ben = "b0b0b0b0-0000-4000-8000-000000000002";
const ivy = "c0c0c0c0-0000-4000-8000-000000000003";
const ruleId = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";

const members: Member[] = [
  { userId: ann, email: "ann@demo.test", fullName: "Ann Agent", role: "agent", createdAt: "2026-01-01T00:00:00.000Z" },
  { userId: ben, email: "ben@demo.test", fullName: "Ben Admin", role: "admin", createdAt: "2026-01-01T00:00:00.000Z" },
  { userId: ivy, email: "ivy@demo.test", fullName: "Ivy Investor", role: "investor", createdAt: "2026-01-01T00:00:00.000Z" },
];

const org: OrgSettings = { id: orgId, name: "Acme Realty", timeZone: "America/Chicago", agentsSeeAssignedOnly: false };

function rule(overrides: Partial<AssignmentRule> = {}): AssignmentRule {
  return {
    id: ruleId,
    name: "Austin PPC",
    agentIds: [ann, ben],
    sources: ["PPC"],
    zips: ["78704"],
    enabled: true,
    position: 0,
    createdAt: "2026-03-04T15:00:00.000Z",
    ...overrides,
  };
}

function signInAs(role: OrgRole) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  useMeStore.setState({ status: "ready", error: null, me: { user, memberships: [{ orgId, orgName: "Acme Realty", role }] } });
}

type Handler = (url: string, init: RequestInit) => Response | undefined;

function server(rules: AssignmentRule[], handler: Handler = () => undefined) {
  return mockFetch((url, init) => {
    const answer = handler(url, init);
    if (answer) return answer;
    if (url === "/api/org") return jsonResponse(org);
    if (url === "/api/org/members") return jsonResponse({ items: members });
    if (url === "/api/assignment-rules") return jsonResponse({ items: rules });
    return apiError(404, "not_found", "Not found");
  });
}

function renderPage() {
  return renderWithRouter(
    <>
      <AssignmentPage />
      <Toaster />
    </>,
    { path: "/leads" },
  );
}

const calls = (fetchMock: ReturnType<typeof mockFetch>) => fetchMock.mock.calls.map(([url, init]) => `${init?.method ?? "GET"} ${url}`);
const callIndex = (fetchMock: ReturnType<typeof mockFetch>, call: string) => calls(fetchMock).indexOf(call);

describe("AssignmentPage", () => {
  beforeEach(() => {
    useMeStore.getState().reset();
    useToastStore.setState({ toasts: [] });
  });

  it("is for owners and admins only", async () => {
    signInAs("agent");
    const fetchMock = server([]);
    renderPage();
    expect(await screen.findByText("Owners and admins only")).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("lists the rules in order, with their agents, sources and ZIP codes", async () => {
    signInAs("admin");
    server([rule({ id: "r2", name: "Everyone else", agentIds: [ann], sources: [], zips: [], position: 1 }), rule()]);
    renderPage();

    expect(await screen.findByText("New leads go to the first matching rule, round robin among its agents.")).toBeInTheDocument();
    const list = await screen.findByRole("list", { name: "Assignment rules" });
    const items = within(list).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Austin PPC");
    expect(items[0]).toHaveTextContent("Round robin among Ann Agent, Ben Admin · sources: PPC · ZIPs: 78704");
    expect(items[1]).toHaveTextContent("Round robin among Ann Agent · every new lead");
    expect(within(items[0]).getByRole("switch", { name: "Austin PPC enabled" })).toHaveAttribute("aria-checked", "true");
  });

  it("creates a rule with the right body and shows the server's field error", async () => {
    signInAs("owner");
    let reject = true;
    const fetchMock = server([rule({ position: 3 })], (url, init) => {
      if (url !== "/api/assignment-rules" || init.method !== "POST") return undefined;
      if (reject) return apiError(400, "validation_failed", "Check the highlighted fields", { agentIds: "must all be staff members of this org" });
      return jsonResponse(rule({ id: "new-rule", name: "North side", agentIds: [ben], sources: ["Mailers", "PPC"], zips: ["78701", "78702"], position: 4 }), 201);
    });
    renderPage();
    await screen.findByRole("list", { name: "Assignment rules" });

    fireEvent.click(screen.getByRole("button", { name: "Add rule" }));
    const dialog = screen.getByRole("dialog", { name: "Add rule" });
    // Only staff can be given leads.
    expect(within(dialog).getByRole("checkbox", { name: /Ann Agent/ })).toBeInTheDocument();
    expect(within(dialog).queryByRole("checkbox", { name: /Ivy Investor/ })).not.toBeInTheDocument();

    fireEvent.click(within(dialog).getByRole("button", { name: "Create rule" }));
    expect(await within(dialog).findByText("is required")).toBeInTheDocument();
    expect(within(dialog).getByText("choose at least one agent")).toBeInTheDocument();

    fireEvent.change(within(dialog).getByLabelText("Rule name"), { target: { value: " North side " } });
    fireEvent.click(within(dialog).getByRole("checkbox", { name: /Ben Admin/ }));
    fireEvent.change(within(dialog).getByLabelText("Only for sources"), { target: { value: "Mailers, PPC,, " } });
    fireEvent.change(within(dialog).getByLabelText("Only for ZIP codes"), { target: { value: "78701, 7870" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create rule" }));
    expect(await within(dialog).findByText("“7870” isn't a 5-digit ZIP code")).toBeInTheDocument();
    expect(callIndex(fetchMock, "POST /api/assignment-rules")).toBe(-1);

    fireEvent.change(within(dialog).getByLabelText("Only for ZIP codes"), { target: { value: "78701, 78702" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create rule" }));

    expect(await within(dialog).findByText("must all be staff members of this org")).toBeInTheDocument();
    const post = callIndex(fetchMock, "POST /api/assignment-rules");
    expect(bodyOf(fetchMock, post)).toEqual({
      name: "North side",
      agentIds: [ben],
      sources: ["Mailers", "PPC"],
      zips: ["78701", "78702"],
      position: 4,
    });

    reject = false;
    fireEvent.click(within(dialog).getByRole("button", { name: "Create rule" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Add rule" })).not.toBeInTheDocument());
    const items = within(screen.getByRole("list", { name: "Assignment rules" })).getAllByRole("listitem");
    expect(items[1]).toHaveTextContent("Round robin among Ben Admin · sources: Mailers, PPC · ZIPs: 78701, 78702");
    expect(await screen.findByText("Rule created")).toBeInTheDocument();
  });

  it("switches a rule off, edits it and deletes it after confirming", async () => {
    signInAs("owner");
    const fetchMock = server([rule()], (url, init) => {
      if (url !== `/api/assignment-rules/${ruleId}`) return undefined;
      if (init.method === "DELETE") return new Response(null, { status: 204 });
      return jsonResponse({ ...rule(), ...(JSON.parse(String(init.body)) as Partial<AssignmentRule>) });
    });
    renderPage();

    fireEvent.click(await screen.findByRole("switch", { name: "Austin PPC enabled" }));
    await waitFor(() => expect(screen.getByRole("switch", { name: "Austin PPC enabled" })).toHaveAttribute("aria-checked", "false"));
    expect(bodyOf(fetchMock, callIndex(fetchMock, `PATCH /api/assignment-rules/${ruleId}`))).toEqual({ enabled: false });

    fireEvent.click(screen.getByRole("button", { name: "Edit Austin PPC" }));
    const dialog = screen.getByRole("dialog", { name: "Edit rule" });
    expect(within(dialog).getByLabelText("Rule name")).toHaveValue("Austin PPC");
    expect(within(dialog).getByRole("checkbox", { name: /Ann Agent/ })).toBeChecked();
    expect(within(dialog).getByLabelText("Only for ZIP codes")).toHaveValue("78704");
    fireEvent.click(within(dialog).getByRole("checkbox", { name: /Ann Agent/ }));
    fireEvent.change(within(dialog).getByLabelText("Only for sources"), { target: { value: "" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Edit rule" })).not.toBeInTheDocument());
    const patches = calls(fetchMock).flatMap((c, i) => (c === `PATCH /api/assignment-rules/${ruleId}` ? [i] : []));
    expect(bodyOf(fetchMock, patches[1])).toEqual({ name: "Austin PPC", agentIds: [ben], sources: [], zips: ["78704"] });
    expect(screen.getByRole("list", { name: "Assignment rules" })).toHaveTextContent("Round robin among Ben Admin · ZIPs: 78704");

    fireEvent.click(screen.getByRole("button", { name: "Delete Austin PPC" }));
    const confirm = screen.getByRole("dialog", { name: "Delete rule" });
    fireEvent.click(within(confirm).getByRole("button", { name: "Delete rule" }));
    expect(await screen.findByText("No rules yet")).toBeInTheDocument();
    expect(calls(fetchMock)).toContain(`DELETE /api/assignment-rules/${ruleId}`);
  });

  it("PATCHes the org when agents should see only their leads", async () => {
    signInAs("admin");
    const fetchMock = server([], (url, init) =>
      url === "/api/org" && init.method === "PATCH" ? jsonResponse({ ...org, agentsSeeAssignedOnly: true }) : undefined,
    );
    renderPage();

    const toggle = await screen.findByRole("switch", { name: "Agents see only leads assigned to them" });
    expect(toggle).toHaveAttribute("aria-checked", "false");
    fireEvent.click(toggle);

    await waitFor(() => expect(toggle).toHaveAttribute("aria-checked", "true"));
    const patch = callIndex(fetchMock, "PATCH /api/org");
    expect(bodyOf(fetchMock, patch)).toEqual({ agentsSeeAssignedOnly: true });
    expect(await screen.findByText("Agents now see only their leads")).toBeInTheDocument();
  });
});
