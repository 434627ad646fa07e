import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { Member } from "@/domain/orgs";
import type { OrgRole } from "@/domain/roles";
import { useSession } from "@/lib/session";
import { apiError, bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { Toaster } from "@/ui/Toaster";
import { useMeStore } from "./meStore";
import { MembersPage } from "./MembersPage";

const sam: Member = {
  userId: "11111111-1111-4111-8111-111111111111",
  email: "sam@acme.test",
  fullName: null,
  role: "agent",
  createdAt: "2026-02-03T00:00:00Z",
};
const me: Member = { userId: user.id, email: user.email, fullName: user.fullName, role: "owner", createdAt: "2026-01-02T00:00:00Z" };

function signInAs(role: OrgRole) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  useMeStore.setState({ status: "ready", error: null, me: { user, memberships: [{ orgId, orgName: "Acme Realty", role }] } });
}

function renderPage() {
  render(
    <>
      <MembersPage />
      <Toaster />
    </>,
  );
}

describe("MembersPage", () => {
  beforeEach(() => useMeStore.getState().reset());

  it("is for owners and admins only", () => {
    signInAs("agent");
    const fetchMock = mockFetch(() => jsonResponse({ items: [] }));
    renderPage();

    expect(screen.getByText("Owners and admins only")).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("lists, adds, re-roles and removes members", async () => {
    signInAs("owner");
    const fetchMock = mockFetch((_url, init) => {
      if (init.method === "POST") return jsonResponse({ ...sam, userId: "33333333-3333-4333-8333-333333333333", email: "kim@acme.test" }, 201);
      if (init.method === "PATCH") return jsonResponse({ ...sam, role: "admin" });
      if (init.method === "DELETE") return new Response(null, { status: 204 });
      return jsonResponse({ items: [me, sam] });
    });
    renderPage();

    const samRole = await screen.findByRole("combobox", { name: "Role for sam@acme.test" });
    expect(screen.getByRole("combobox", { name: `Role for ${user.email}` })).toBeDisabled();

    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "Kim@Acme.test" } });
    fireEvent.change(screen.getByLabelText("Role"), { target: { value: "investor" } });
    fireEvent.click(screen.getByRole("button", { name: "Add member" }));
    expect(await screen.findByRole("combobox", { name: "Role for kim@acme.test" })).toBeInTheDocument();
    expect(bodyOf(fetchMock, 1)).toEqual({ email: "kim@acme.test", role: "investor" });

    fireEvent.change(samRole, { target: { value: "admin" } });
    await waitFor(() => expect(samRole).toHaveValue("admin"));
    expect(fetchMock.mock.calls[2][0]).toBe(`/api/org/members/${sam.userId}`);
    expect(bodyOf(fetchMock, 2)).toEqual({ role: "admin" });

    fireEvent.click(screen.getByRole("button", { name: "Remove sam@acme.test" }));
    const dialog = screen.getByRole("dialog", { name: "Remove member" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove member" }));
    await waitFor(() => expect(screen.queryByRole("combobox", { name: "Role for sam@acme.test" })).not.toBeInTheDocument());
    expect(fetchMock.mock.calls[3][1]?.method).toBe("DELETE");
  });

  it("toasts when the server refuses", async () => {
    signInAs("admin");
    mockFetch((_url, init) =>
      init.method === "POST" ? apiError(404, "user_not_found", "No user with that email.") : jsonResponse({ items: [me, sam] }),
    );
    renderPage();
    await screen.findByRole("combobox", { name: "Role for sam@acme.test" });

    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "nobody@acme.test" } });
    fireEvent.click(screen.getByRole("button", { name: "Add member" }));

    expect(await screen.findByText("Couldn't add member", { exact: true })).toBeInTheDocument();
    expect(screen.getByText("No user with that email.", { exact: true })).toBeInTheDocument();
  });
});
