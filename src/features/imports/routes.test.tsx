import { createMemoryHistory } from "@tanstack/react-router";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";

function renderApp(path: string, role: OrgRole) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  mockFetch((url) => {
    if (url === "/api/me") return jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role }] });
    if (url === "/api/org") return jsonResponse({ id: orgId, name: "Acme Realty", timeZone: "America/Chicago", agentsSeeAssignedOnly: false });
    return jsonResponse({ items: [], nextCursor: null });
  });
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) });
  render(<App router={router} />);
  return router;
}

describe("import and assignment routes", () => {
  beforeEach(() => useMeStore.getState().reset());

  it("opens Import leads and Settings → Assignment from the sidebar", async () => {
    const router = renderApp("/leads", "owner");
    const nav = await screen.findByRole("navigation", { name: "Main" });

    fireEvent.click(await within(nav).findByRole("link", { name: "Import leads" }));
    expect(await screen.findByRole("heading", { name: "Import leads" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/leads/import");
    expect(await screen.findByLabelText("CSV file")).toBeInTheDocument();

    const settings = within(nav).getByRole("list", { name: "Settings" });
    fireEvent.click(within(settings).getByRole("link", { name: "Assignment" }));
    expect(await screen.findByRole("heading", { name: "Assignment" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/settings/assignment");
    expect(await screen.findByText("No rules yet")).toBeInTheDocument();
  });

  it("gives agents Import leads but not Assignment, and investors neither", async () => {
    renderApp("/leads/import", "agent");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(await within(nav).findByRole("link", { name: "Import leads" })).toHaveAttribute("aria-current", "page");
    // Only the closest entry is current, not Leads as well.
    expect(within(nav).getByRole("link", { name: "Leads" })).not.toHaveAttribute("aria-current");
    expect(within(nav).queryByRole("link", { name: "Assignment" })).not.toBeInTheDocument();
    expect(await screen.findByLabelText("CSV file")).toBeInTheDocument();
  });

  it("hides Import leads from investors (their area is Shared deals)", async () => {
    renderApp("/leads", "investor");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    await within(nav).findByRole("link", { name: "Shared deals" });
    expect(within(nav).queryByRole("link", { name: "Leads" })).not.toBeInTheDocument();
    expect(within(nav).queryByRole("link", { name: "Import leads" })).not.toBeInTheDocument();
    expect(within(nav).queryByRole("link", { name: "Assignment" })).not.toBeInTheDocument();
  });
});
