import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { OrgRole } from "@/domain/roles";
import type { WorkflowSummary } from "@/domain/workflows";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { renderWithRouter } from "@/test/renderWithRouter";
import { WorkflowsPage } from "./WorkflowsPage";

const wfId = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const newId = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

function workflow(over: Partial<WorkflowSummary> = {}): WorkflowSummary {
  return {
    id: wfId, name: "New lead text", description: null, enabled: true, triggerEvent: "lead.created", version: 3, hasUnpublishedChanges: false,
    executions: { running: 2, completed: 40, failed: 1 }, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-02T00:00:00Z", ...over,
  };
}

function signInAs(role: OrgRole) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  useMeStore.setState({ status: "ready", error: null, me: { user, memberships: [{ orgId, orgName: "Acme Realty", role }] } });
}

const starters = [
  { id: "new-lead-instant-text", name: "New lead: instant text", description: "Texts new leads." },
  { id: "no-answer-drip", name: "No answer drip", description: "Five touches." },
  { id: "stale-deal-reminder", name: "Stale deal", description: "Reminds owners." },
];

describe("WorkflowsPage", () => {
  beforeEach(() => signInAs("owner"));

  it("lists the workflows with trigger, version, switch and run counts, and switches one off", async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url === "/api/workflows") return jsonResponse({ items: [workflow(), workflow({ id: newId, name: "Drip", enabled: false, version: null, triggerEvent: "manual", executions: { running: 0, completed: 0, failed: 0 } })] });
      if (url === `/api/workflows/${wfId}` && init.method === "PUT") return jsonResponse({ ...workflow(), enabled: false });
      return jsonResponse({ error: { code: "not_found", message: url } }, 404);
    });
    renderWithRouter(<WorkflowsPage />);
    const table = await screen.findByRole("table", { name: "Workflows" });
    const row = within(table).getByRole("row", { name: /New lead text/ });
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["New lead text", "Lead created", "v3", "", "2", "40", "1"]);
    const draft = within(table).getByRole("row", { name: /Drip/ });
    expect(within(draft).getByText("Draft")).toBeInTheDocument();
    expect(within(draft).getByText("Run by hand")).toBeInTheDocument();
    // A draft can't be switched on before it is published.
    expect(within(draft).getByRole("switch")).toBeDisabled();

    const toggle = within(row).getByRole("switch", { name: "Enable “New lead text”" });
    expect(toggle).toHaveAttribute("aria-checked", "true");
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-checked", "false");
    await waitFor(() => expect(fetchMock.mock.calls.some(([u, i]) => u === `/api/workflows/${wfId}` && i?.method === "PUT")).toBe(true));
    const put = fetchMock.mock.calls.findIndex(([, i]) => i?.method === "PUT");
    expect(bodyOf(fetchMock, put)).toEqual({ enabled: false });
  });

  it("points an empty org to the starter templates, and instantiates one into the editor", async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url === "/api/workflows") return jsonResponse({ items: [] });
      if (url === "/api/workflows/templates") return jsonResponse({ items: starters });
      if (url === "/api/workflows/templates/no-answer-drip/instantiate" && init.method === "POST") return jsonResponse({ ...workflow({ id: newId, name: "No answer drip" }), graph: { nodes: [], edges: [] } }, 201);
      return jsonResponse({ error: { code: "not_found", message: url } }, 404);
    });
    const { router } = renderWithRouter(<WorkflowsPage />);
    expect(await screen.findByText("No workflows yet")).toBeInTheDocument();
    const buttons = screen.getAllByRole("button", { name: "Start from a template" });
    fireEvent.click(buttons.at(-1)!);
    const list = await screen.findByRole("list", { name: "Starter templates" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(3);
    fireEvent.click(within(list).getByRole("button", { name: "Use “No answer drip”" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/workflows/${newId}`));
    expect(fetchMock.mock.calls.some(([u]) => u === "/api/workflows/templates/no-answer-drip/instantiate")).toBe(true);
  });

  it("creates a workflow from a name, with its trigger on the canvas", async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url === "/api/workflows" && init.method === "POST") return jsonResponse({ ...workflow({ id: newId, name: "Follow-up" }), graph: { nodes: [], edges: [] } }, 201);
      if (url === "/api/workflows") return jsonResponse({ items: [workflow()] });
      return jsonResponse({ error: { code: "not_found", message: url } }, 404);
    });
    const { router } = renderWithRouter(<WorkflowsPage />);
    fireEvent.click(await screen.findByRole("button", { name: "New workflow" }));
    const dialog = await screen.findByRole("dialog", { name: "New workflow" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create" }));
    expect(await within(dialog).findByText(/required/)).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText("Name"), { target: { value: "Follow-up" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/workflows/${newId}`));
    const post = fetchMock.mock.calls.findIndex(([, i]) => i?.method === "POST");
    expect(bodyOf(fetchMock, post)).toMatchObject({ name: "Follow-up", graph: { nodes: [{ id: "trigger", type: "trigger", config: { event: "lead.created" } }], edges: [] } });
  });

  it("lets agents look but not create or switch", async () => {
    signInAs("agent");
    mockFetch(() => jsonResponse({ items: [workflow()] }));
    renderWithRouter(<WorkflowsPage />);
    const table = await screen.findByRole("table", { name: "Workflows" });
    expect(within(table).getByRole("switch")).toBeDisabled();
    expect(screen.queryByRole("button", { name: "New workflow" })).toBeNull();
  });
});
