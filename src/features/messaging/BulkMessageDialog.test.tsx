import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { BulkMessageDialog } from "./BulkMessageDialog";

describe("BulkMessageDialog", () => {
  it("sends the chosen template to the selected leads and reports what was queued and what was not", async () => {
    const fetchMock = mockFetch((url) => {
      if (url === "/api/message-templates") return jsonResponse({ items: [{ id: "t-1", name: "Cash offer", channel: "sms", subject: null, body: "Hi {{lead.firstName}}", textBody: null }] });
      if (url === "/api/messages/bulk") return jsonResponse({ queued: 1, blocked: 1, items: [] }, 202);
      return jsonResponse({}, 404);
    });
    render(<BulkMessageDialog leadIds={["a", "b"]} open onOpenChange={() => {}} />);
    const select = await screen.findByLabelText("Template");
    await waitFor(() => expect(screen.getByRole("option", { name: "Cash offer (text)" })).toBeInTheDocument());
    fireEvent.change(select, { target: { value: "t-1" } });
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([u]) => String(u) === "/api/messages/bulk")).toBe(true));
    const call = fetchMock.mock.calls.findIndex(([u]) => String(u) === "/api/messages/bulk");
    expect(bodyOf(fetchMock, call)).toEqual({ leadIds: ["a", "b"], templateId: "t-1" });
  });
});
