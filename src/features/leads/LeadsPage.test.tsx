import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { useSession } from "@/lib/session";
import { apiError, jsonResponse, mockFetch } from "@/test/fetchMock";
import { lead, orgId, user } from "@/test/fixtures";
import { Toaster } from "@/ui/Toaster";
import { LeadsPage } from "./LeadsPage";

describe("LeadsPage", () => {
  beforeEach(() => useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId }));

  it("shows an empty state when there are no leads", async () => {
    mockFetch(() => jsonResponse({ items: [], nextCursor: null }));
    render(<LeadsPage />);

    expect(await screen.findByText("No leads yet")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Add lead" })).toBeInTheDocument();
  });

  it("lists the leads in a table and loads more with the cursor", async () => {
    const first = lead({ id: "11111111-1111-4111-8111-111111111111", firstName: "Ada", lastName: "Lovelace" });
    const second = lead({
      id: "22222222-2222-4222-8222-222222222222",
      firstName: null,
      lastName: null,
      email: "grace@example.com",
      address: { street: null, city: null, state: null, zip: null },
      tags: [],
      status: "contacted",
    });
    const fetchMock = mockFetch((url) =>
      url.includes("cursor=")
        ? jsonResponse({ items: [second], nextCursor: null })
        : jsonResponse({ items: [first], nextCursor: "cursor-2" }),
    );
    render(<LeadsPage />);

    const table = await screen.findByRole("table", { name: "Leads" });
    const headers = within(table).getAllByRole("columnheader").map((th) => th.textContent);
    expect(headers).toEqual(["Name", "Email", "Phone", "City/State", "Status", "Tags", "Created"]);
    const row = within(table).getByRole("row", { name: /Ada Lovelace/ });
    expect(row).toHaveTextContent("Austin, TX");
    expect(row).toHaveTextContent("cash-buyer");
    expect(row).toHaveTextContent("New");
    expect(fetchMock.mock.calls[0][0]).toBe("/api/leads?limit=50");

    fireEvent.click(screen.getByRole("button", { name: "Load more" }));

    expect(await within(table).findByRole("row", { name: /grace@example.com/ })).toBeInTheDocument();
    expect(fetchMock.mock.calls[1][0]).toBe("/api/leads?limit=50&cursor=cursor-2");
    await waitFor(() => expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument());
  });

  it("moves a lead the new one was merged into to the top instead of adding a row", async () => {
    const ada = lead({ id: "11111111-1111-4111-8111-111111111111", firstName: "Ada", lastName: "Lovelace" });
    const grace = lead({ id: "22222222-2222-4222-8222-222222222222", firstName: "Grace", lastName: "Hopper", email: "grace@example.com" });
    const mergedGrace = { ...grace, phone: "+15125550199", updatedAt: "2026-03-05T15:00:00.000Z" };
    mockFetch((_url, init) => (init.method === "POST" ? jsonResponse(mergedGrace, 200) : jsonResponse({ items: [ada, grace], nextCursor: null })));
    render(
      <>
        <LeadsPage />
        <Toaster />
      </>,
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
    expect(first).toHaveTextContent("+15125550199");
    expect(second).toHaveTextContent("Ada Lovelace");
  });

  it("puts a new lead (201) at the top", async () => {
    const ada = lead({ id: "11111111-1111-4111-8111-111111111111", firstName: "Ada", lastName: "Lovelace" });
    const kim = lead({ id: "33333333-3333-4333-8333-333333333333", firstName: "Kim", lastName: "Lee", email: "kim@example.com" });
    mockFetch((_url, init) => (init.method === "POST" ? jsonResponse(kim, 201) : jsonResponse({ items: [ada], nextCursor: null })));
    render(
      <>
        <LeadsPage />
        <Toaster />
      </>,
    );
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
    mockFetch(() => apiError(403, "forbidden", "Forbidden"));
    render(<LeadsPage />);

    expect(await screen.findByText("Leads aren't shared with your role")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add lead" })).not.toBeInTheDocument();
  });
});
