import { createMemoryHistory } from "@tanstack/react-router";
import { render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { App } from "@/app/App";
import { navItemsFor } from "@/app/navigation";
import { createAppRouter } from "@/app/router";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";

function renderAs(role: OrgRole, path: string) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  mockFetch((url) => {
    if (url === "/api/me") return jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role }] });
    return jsonResponse({ items: [], nextCursor: null });
  });
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) });
  render(<App router={router} />);
  return router;
}

describe("where each role lands, and what it sees in the sidebar", () => {
  beforeEach(() => {
    useSession.getState().clear();
    useMeStore.getState().reset();
  });

  it("opens / on the portal for an investor, with Shared deals and no Leads or Investors", async () => {
    const router = renderAs("investor", "/");
    expect(await screen.findByRole("heading", { name: "Deals shared with you" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/portal");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Shared deals" })).toHaveAttribute("href", "/portal");
    expect(within(nav).queryByRole("link", { name: "Leads" })).toBeNull();
    expect(within(nav).queryByRole("link", { name: "Investors" })).toBeNull();
    expect(within(nav).queryByRole("link", { name: "Pipeline" })).toBeNull();
  });

  it("sends an investor who is already signed in from /login to the portal", async () => {
    const router = renderAs("investor", "/login");
    await waitFor(() => expect(router.state.location.pathname).toBe("/portal"));
  });

  it.each(["owner", "admin", "agent"] as const)("opens / on the leads for an %s, with Investors and no Shared deals", async (role) => {
    const router = renderAs(role, "/");
    expect(await screen.findByRole("heading", { name: "Leads" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/leads");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Investors" })).toHaveAttribute("href", "/investors");
    expect(within(nav).getByRole("link", { name: "Leads" })).toHaveAttribute("href", "/leads");
    expect(within(nav).queryByRole("link", { name: "Shared deals" })).toBeNull();
  });

  it("lists the entries per role", () => {
    expect(navItemsFor("investor").map((i) => i.label)).toEqual(["Shared deals"]);
    expect(navItemsFor("agent").map((i) => i.label)).toEqual(["Leads", "Import leads", "Pipeline", "Investors", "Messages", "Workflows", "Enrichment", "Models"]);
  });
});
