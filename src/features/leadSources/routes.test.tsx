import { createMemoryHistory } from "@tanstack/react-router";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { leadSource, sourceId, webhookEvent } from "./testFixtures";

function renderApp(path: string, role: OrgRole) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  mockFetch((url) => {
    if (url === "/api/me") return jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role }] });
    if (url === "/api/lead-sources") return jsonResponse({ items: [leadSource()] });
    if (url.startsWith("/api/webhook-events")) return jsonResponse({ items: [webhookEvent({ reason: "first delivery" })], nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) });
  render(<App router={router} />);
  return router;
}

describe("lead source routes", () => {
  beforeEach(() => useMeStore.getState().reset());

  it("opens Settings → Lead sources from the sidebar and a source's deliveries from its row", async () => {
    const router = renderApp("/leads", "owner");

    fireEvent.click(await screen.findByRole("link", { name: "Lead sources" }));
    expect(await screen.findByRole("heading", { name: "Lead sources" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/settings/lead-sources");

    fireEvent.click(await screen.findByRole("link", { name: "Deliveries for Website form" }));
    expect(await screen.findByText("first delivery")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/settings/lead-sources/${sourceId}`);
    expect(await screen.findByRole("heading", { name: "Deliveries: Website form" })).toBeInTheDocument();

    const backLink = within(screen.getByRole("main")).getByRole("link", { name: "Lead sources" });
    expect(backLink).not.toHaveAttribute("aria-current");
    fireEvent.click(backLink);
    await waitFor(() => expect(router.state.location.pathname).toBe("/settings/lead-sources"));
  });

  it("tells agents who open the URL that it is for owners and admins", async () => {
    renderApp(`/settings/lead-sources/${sourceId}`, "agent");

    expect(await screen.findByText("Owners and admins only")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Lead sources" })).not.toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Deliveries" })).not.toBeInTheDocument();
  });
});
