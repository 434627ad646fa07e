import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, jsonResponse, mockFetch } from "@/test/fetchMock";
import { TemplatesPage } from "./TemplatesPage";

describe("TemplatesPage", () => {
  it("creates an email template, showing the server's objection under the field", async () => {
    let created = false;
    const fetchMock = mockFetch((url, init) => {
      if (url === "/api/templates" && (init.method ?? "GET") === "GET") return jsonResponse({ items: created ? [{ id: "t1", name: "Cash offer", channel: "email", subject: "An offer for {{lead.city}}", body: "<p>Hi</p>", textBody: null }] : [] });
      if (url === "/api/templates" && init.method === "POST") {
        const body = JSON.parse(String(init.body));
        if (body.name === "Dup") return apiError(409, "template_name_taken", "A template has this name", { name: "is taken" });
        created = true;
        return jsonResponse({ id: "t1", ...body }, 201);
      }
      if (url === "/api/org/sms-numbers") return jsonResponse({ items: [] }); // the texting numbers section
      if (url.startsWith("/api/suppressions")) return jsonResponse({ items: [], nextCursor: null }); // the do-not-contact list
      return jsonResponse({}, 404);
    });
    render(<TemplatesPage />);
    await screen.findByText("No templates yet");
    fireEvent.click(screen.getByRole("button", { name: "New template" }));
    const form = await screen.findByRole("form", { name: "Template" });
    fireEvent.change(within(form).getByLabelText("Channel"), { target: { value: "email" } });
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "Dup" } });
    fireEvent.change(await within(form).findByLabelText("Subject"), { target: { value: "An offer for {{lead.city}}" } });
    fireEvent.change(within(form).getByLabelText("Body (HTML allowed)"), { target: { value: "<p>Hi {{lead.nickname}}</p>" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create" }));
    expect(await within(form).findByText("unknown variable: lead.nickname")).toBeInTheDocument(); // checked before sending
    fireEvent.change(within(form).getByLabelText("Body (HTML allowed)"), { target: { value: "<p>Hi {{lead.firstName}}</p>" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create" }));
    expect(await within(form).findByText("is taken")).toBeInTheDocument();
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "Cash offer" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create" }));
    await waitFor(() => expect(screen.queryByRole("form", { name: "Template" })).toBeNull());
    const sent = fetchMock.mock.calls.filter(([u, i]) => String(u) === "/api/templates" && i?.method === "POST").map(([, i]) => JSON.parse(String(i?.body)));
    expect(sent.at(-1)).toEqual({ name: "Cash offer", channel: "email", subject: "An offer for {{lead.city}}", body: "<p>Hi {{lead.firstName}}</p>", textBody: null });
    expect(await screen.findByRole("list", { name: "Templates" })).toHaveTextContent("Cash offer");
  });
});
