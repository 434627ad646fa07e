import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { orgId, otherOrgId, user } from "@/test/fixtures";
import { renderWithRouter } from "@/test/renderWithRouter";
import { Sidebar } from "./Sidebar";

function signInAs(role: OrgRole) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  useMeStore.setState({
    status: "ready",
    error: null,
    me: {
      user,
      memberships: [
        { orgId, orgName: "Acme Realty", role },
        { orgId: otherOrgId, orgName: "Side Ventures", role: "owner" },
      ],
    },
  });
}

describe("Sidebar", () => {
  beforeEach(() => useMeStore.getState().reset());

  it("hides Members from agents", async () => {
    signInAs("agent");
    renderWithRouter(<Sidebar />, { path: "/leads" });

    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Leads" })).toHaveAttribute("href", "/leads");
    expect(within(nav).queryByRole("link", { name: "Members" })).not.toBeInTheDocument();
  });

  it.each(["owner", "admin"] as const)("shows Members to %ss", async (role) => {
    signInAs(role);
    renderWithRouter(<Sidebar />, { path: "/leads" });

    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Members" })).toHaveAttribute("href", "/members");
  });

  it("hides Settings → Lead sources from agents, who see only Enrichment and Models there", async () => {
    signInAs("agent");
    renderWithRouter(<Sidebar />, { path: "/leads" });

    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(within(nav).queryByRole("link", { name: "Lead sources" })).not.toBeInTheDocument();
    const settings = within(nav).getByRole("list", { name: "Settings" });
    expect(within(settings).getAllByRole("link").map((a) => a.textContent)).toEqual(["Enrichment", "Models"]);
  });

  it.each(["owner", "admin"] as const)("shows Lead sources under Settings to %ss", async (role) => {
    signInAs(role);
    renderWithRouter(<Sidebar />, { path: "/settings/lead-sources" });

    const nav = await screen.findByRole("navigation", { name: "Main" });
    const settings = within(nav).getByRole("list", { name: "Settings" });
    const link = within(settings).getByRole("link", { name: "Lead sources" });
    expect(link).toHaveAttribute("href", "/settings/lead-sources");
    expect(link).toHaveAttribute("aria-current", "page");
  });

  it("shows the app name, the active org, the user's email and Sign out", async () => {
    signInAs("agent");
    renderWithRouter(<Sidebar />, { path: "/leads" });

    expect(await screen.findByText("Hidden Key")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /switch organization/i })).toHaveTextContent("Acme Realty");
    expect(screen.getByText(user.email)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Leads" })).toHaveAttribute("aria-current", "page");
  });

  it("signs out and goes to /login", async () => {
    signInAs("agent");
    const { router } = renderWithRouter(<Sidebar />, { path: "/leads" });

    (await screen.findByRole("button", { name: "Sign out" })).click();

    expect(useSession.getState().accessToken).toBeNull();
    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/login"));
  });
});
