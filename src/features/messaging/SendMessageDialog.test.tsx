import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { OutboxPage } from "./OutboxPage";
import { SendMessageDialog } from "./SendMessageDialog";

const LEAD = "11111111-1111-4111-8111-111111111111";
const TEMPLATE = { id: "22222222-2222-4222-8222-222222222222", name: "Follow-up text", channel: "sms", subject: null, body: "Hi {{lead.firstName}}", textBody: null, createdAt: "", updatedAt: "" };
const message = (over: Record<string, unknown> = {}) => ({ id: "m1", leadId: LEAD, templateId: null, channel: "sms", to: "+15125550100", from: null, subject: null, bodyHtml: null, bodyText: "Hi Ana", status: "queued", provider: null, providerMessageId: null, error: null, scheduledFor: null, sentAt: null, createdBy: "u", createdAt: "2026-11-30T10:00:00Z", updatedAt: "2026-11-30T10:00:00Z", ...over });

describe("SendMessageDialog", () => {
  it("previews the chosen template for the lead, with its SMS segments, and sends it once with an idempotency key", async () => {
    const onSent = vi.fn();
    const fetchMock = mockFetch((url, init) => {
      if (url === "/api/message-templates") return jsonResponse({ items: [TEMPLATE] });
      if (url === "/api/message-templates/preview") return jsonResponse({ channel: "sms", to: "+15125550100", subject: null, html: null, text: "Hi Ana", characters: 6, sms: { encoding: "GSM-7", units: 6, segments: 1 } });
      if (url === `/api/leads/${LEAD}/messages` && init.method === "POST") return jsonResponse(message(), 202);
      return jsonResponse({ error: { code: "not_found", message: url } }, 404);
    });
    render(<SendMessageDialog leadId={LEAD} open onOpenChange={() => {}} onSent={onSent} />);
    fireEvent.change(screen.getByLabelText("Channel"), { target: { value: "sms" } });
    const select = screen.getByLabelText("Template");
    await within(select).findByRole("option", { name: "Follow-up text" });
    fireEvent.change(select, { target: { value: TEMPLATE.id } });
    const preview = screen.getByRole("region", { name: "Preview" });
    await within(preview).findByText("Hi Ana");
    expect(screen.getByTestId("preview-counts")).toHaveTextContent("6 characters · 1 SMS segment (GSM-7)");
    const previewCall = fetchMock.mock.calls.findIndex(([u]) => String(u) === "/api/message-templates/preview");
    expect(bodyOf(fetchMock, previewCall)).toEqual({ leadId: LEAD, templateId: TEMPLATE.id });

    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(onSent).toHaveBeenCalledWith("queued"));
    const sendCall = fetchMock.mock.calls.findIndex(([u]) => String(u) === `/api/leads/${LEAD}/messages`);
    expect(bodyOf(fetchMock, sendCall)).toEqual({ channel: "sms", templateId: TEMPLATE.id, idempotencyKey: expect.any(String) });
  });

  it("shows the server's validation message for a draft with an unknown variable and does not allow sending", async () => {
    mockFetch((url) => {
      if (url === "/api/message-templates") return jsonResponse({ items: [] });
      if (url === "/api/message-templates/preview") return jsonResponse({ error: { code: "validation_failed", message: "Invalid template.body", fields: { "template.body": "unknown variable: lead.ssn" } } }, 400);
      return jsonResponse({}, 404);
    });
    render(<SendMessageDialog leadId={LEAD} open onOpenChange={() => {}} />);
    fireEvent.change(screen.getByLabelText("Subject"), { target: { value: "Hello" } });
    fireEvent.change(screen.getByLabelText("Body (HTML allowed)"), { target: { value: "{{lead.ssn}}" } });
    expect(await screen.findByText("unknown variable: lead.ssn")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Send" })).toBeDisabled();
  });
});

describe("OutboxPage", () => {
  it("lists the outbox and shows a message's full text on click", async () => {
    const fetchMock = mockFetch((url) => (url.startsWith("/api/messages?") ? jsonResponse({ items: [message({ status: "outbox", bodyText: "Hi Ana, still selling?\nReply STOP to opt out" })] }) : jsonResponse({}, 404)));
    render(<OutboxPage />);
    const table = await screen.findByRole("table", { name: "Messages" });
    expect(fetchMock.mock.calls.map(([u]) => String(u))).toContain("/api/messages?status=outbox&limit=100");
    fireEvent.click(within(table).getByText("Hi Ana, still selling? Reply STOP to opt out", { normalizer: (s) => s.replace(/\s+/g, " ") }));
    expect(within(table).getByText(/Reply STOP to opt out/, { selector: "pre" })).toBeInTheDocument();
  });
});
