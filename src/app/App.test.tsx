import { createMemoryHistory } from "@tanstack/react-router";
import { render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { App } from "./App";
import { createAppRouter } from "./router";

function renderApp(path: string) {
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) });
  render(<App router={router} />);
  return router;
}

describe("App routing", () => {
  beforeEach(() => {
    useSession.getState().clear();
    useMeStore.getState().reset();
  });

  it("sends signed-out visitors to /login, remembering where they were going", async () => {
    const router = renderApp("/members");

    expect(await screen.findByRole("button", { name: "Sign in" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toEqual({ redirect: "/members" });
    expect(screen.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/signup");
    expect(screen.getByText("Demo: agent@demo.test / demo-pass-2026")).toBeInTheDocument();
  });

  it("opens / on the leads page of the first org once signed in", async () => {
    useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user });
    mockFetch((url) => {
      if (url === "/api/me") return jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role: "agent" }] });
      return jsonResponse({ items: [], nextCursor: null });
    });

    const router = renderApp("/");

    expect(await screen.findByText("No leads yet")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/leads");
    expect(useSession.getState().activeOrgId).toBe(orgId);
    expect(screen.getByRole("heading", { name: "Leads" })).toBeInTheDocument();
  });

  it("keeps signed-in people away from /login", async () => {
    useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
    mockFetch((url) =>
      url === "/api/me"
        ? jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role: "owner" }] })
        : jsonResponse({ items: [], nextCursor: null }),
    );

    const router = renderApp("/login");

    await waitFor(() => expect(router.state.location.pathname).toBe("/leads"));
    expect(await screen.findByRole("link", { name: "Members" })).toBeInTheDocument();
  });
});
