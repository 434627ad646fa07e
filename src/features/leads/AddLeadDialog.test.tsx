import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useSession } from "@/lib/session";
import { apiError, bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { lead, orgId, user } from "@/test/fixtures";
import { Toaster } from "@/ui/Toaster";
import { useToastStore } from "@/ui/toastStore";
import { AddLeadDialog } from "./AddLeadDialog";

function openDialog() {
  const onCreated = vi.fn();
  render(
    <>
      <AddLeadDialog onCreated={onCreated} />
      <Toaster />
    </>,
  );
  fireEvent.click(screen.getByRole("button", { name: "Add lead" }));
  const dialog = screen.getByRole("dialog", { name: "Add lead" });
  const type = (label: string, value: string) =>
    fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
  const save = () => fireEvent.click(within(dialog).getByRole("button", { name: "Save lead" }));
  return { dialog, type, save, onCreated };
}

describe("AddLeadDialog", () => {
  beforeEach(() => {
    useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
    useToastStore.setState({ toasts: [] });
  });

  it("has the labelled fields", () => {
    const { dialog } = openDialog();
    for (const label of ["First name", "Last name", "Email", "Phone", "Street", "City", "State", "ZIP", "Source", "Status", "Notes"]) {
      expect(within(dialog).getByLabelText(label)).toBeInTheDocument();
    }
    expect(within(dialog).getByLabelText("Status")).toHaveValue("new");
  });

  it("shows a bad ZIP under the field and does not submit", async () => {
    const fetchMock = mockFetch(() => jsonResponse(lead(), 201));
    const { dialog, type, save } = openDialog();

    type("First name", "Ada");
    type("ZIP", "1234");
    save();

    expect(await within(dialog).findByText("must be a 5-digit ZIP code")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("ZIP")).toHaveAttribute("aria-invalid", "true");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("asks for a name, an email or a phone", async () => {
    mockFetch(() => jsonResponse(lead(), 201));
    const { dialog, save } = openDialog();

    save();

    expect(await within(dialog).findByText("a lead needs a name, an email or a phone")).toBeInTheDocument();
  });

  it("submits the parsed body, closes, toasts and hands back the lead", async () => {
    const created = lead();
    const fetchMock = mockFetch(() => jsonResponse(created, 201));
    const { type, save, onCreated } = openDialog();

    type("First name", " Ada ");
    type("Last name", "Lovelace");
    type("Email", "ADA@Example.com");
    type("City", "Austin");
    type("State", "tx");
    type("ZIP", "78701");
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "qualified" } });
    save();

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created, { merged: false }));
    expect(fetchMock.mock.calls[0][0]).toBe("/api/leads");
    expect(fetchMock.mock.calls[0][1]?.method).toBe("POST");
    expect(bodyOf(fetchMock)).toEqual({
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@example.com",
      phone: null,
      source: null,
      status: "qualified",
      notes: null,
      address: { street: null, city: "Austin", state: "TX", zip: "78701" },
    });
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByText("Lead added")).toBeInTheDocument();
  });

  it("says so when the server merged the details into an existing lead (200)", async () => {
    const existing = lead({ firstName: "Ada", lastName: "Lovelace", phone: "+15125550100" });
    mockFetch(() => jsonResponse(existing, 200));
    const { type, save, onCreated } = openDialog();

    type("Email", "ada@example.com");
    save();

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(existing, { merged: true }));
    expect(await screen.findByText("Merged into an existing lead")).toBeInTheDocument();
    expect(screen.getByText("Ada Lovelace")).toBeInTheDocument();
    expect(screen.queryByText("Lead added")).not.toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("puts the server's field errors under the fields", async () => {
    mockFetch(() =>
      apiError(400, "validation_failed", "Check the highlighted fields", {
        email: "is already a lead in this organization",
        "address.zip": "is not a deliverable ZIP code",
      }),
    );
    const { dialog, type, save, onCreated } = openDialog();

    type("Email", "ada@example.com");
    type("ZIP", "00000");
    save();

    expect(await within(dialog).findByText("is already a lead in this organization")).toBeInTheDocument();
    expect(within(dialog).getByText("is not a deliverable ZIP code")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("ZIP")).toHaveAccessibleDescription("is not a deliverable ZIP code");
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it("shows other server errors as a form-level message", async () => {
    mockFetch(() => apiError(403, "forbidden", "Investors cannot create leads"));
    const { dialog, type, save } = openDialog();

    type("Phone", "512-555-0100");
    save();

    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Investors cannot create leads");
  });
});
