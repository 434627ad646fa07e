import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, jsonResponse, mockFetch } from "@/test/fetchMock";
import { TextingNumbersSection } from "./TextingNumbersSection";

type Num = { id: string; phone: string; isDefault: boolean; createdAt: string };

/** A stand-in for /api/org/sms-numbers keeping its list in memory, with the server's rules. */
function fakeServer(initial: Num[]) {
  let items = [...initial];
  let seq = 0;
  const fetchMock = mockFetch((url, init) => {
    const method = init.method ?? "GET";
    if (url === "/api/org/sms-numbers" && method === "GET") return jsonResponse({ items });
    if (url === "/api/org/sms-numbers" && method === "POST") {
      const body = JSON.parse(String(init.body)) as { phone: string; isDefault?: boolean };
      if (body.phone === "+15128420999") return apiError(409, "number_taken", "This number is already registered to an organization", { phone: "is already registered to an organization" });
      const isDefault = body.isDefault === true || items.length === 0;
      if (isDefault) items = items.map((n) => ({ ...n, isDefault: false }));
      const added = { id: `n${++seq}`, phone: body.phone, isDefault, createdAt: "2026-11-30T00:00:00.000Z" };
      items = [...items, added];
      return jsonResponse(added, 201);
    }
    const id = url.split("/").pop();
    if (method === "PATCH") {
      items = items.map((n) => ({ ...n, isDefault: n.id === id }));
      return jsonResponse(items.find((n) => n.id === id));
    }
    if (method === "DELETE") {
      items = items.filter((n) => n.id !== id);
      return new Response(null, { status: 204 });
    }
    return jsonResponse({}, 404);
  });
  return { fetchMock, calls: (method: string) => fetchMock.mock.calls.filter(([, i]) => (i?.method ?? "GET") === method) };
}

const row = (list: HTMLElement, text: string) => within(list).getAllByRole("listitem").find((li) => li.textContent?.includes(text))!;

describe("TextingNumbersSection", () => {
  it("lists the numbers with the default badged; adds one (normalised, the server's objection under the field); moves the default; removes", async () => {
    const server = fakeServer([{ id: "a", phone: "+15125550134", isDefault: true, createdAt: "2026-11-01T00:00:00.000Z" }]);
    render(<TextingNumbersSection />);
    const list = await screen.findByRole("list", { name: "Texting numbers" });
    expect(within(row(list, "(512) 555-0134")).getByText("Default")).toBeInTheDocument();
    expect(within(row(list, "(512) 555-0134")).queryByRole("button", { name: /Make .* the default/ })).toBeNull();

    const form = screen.getByRole("form", { name: "Add a texting number" });
    // Checked in the browser first, with the same schema as the API.
    fireEvent.change(within(form).getByLabelText("Number"), { target: { value: "555" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add number" }));
    expect(await within(form).findByText("is not a phone number")).toBeInTheDocument();
    expect(server.calls("POST")).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText("Number"), { target: { value: "(512) 842-0999" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add number" }));
    expect(await within(form).findByText("is already registered to an organization")).toBeInTheDocument();

    fireEvent.change(within(form).getByLabelText("Number"), { target: { value: "737 842 0001" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add number" }));
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(2));
    expect(JSON.parse(String(server.calls("POST").at(-1)![1]!.body))).toEqual({ phone: "+17378420001", isDefault: false });
    expect(within(row(list, "(737) 842-0001")).queryByText("Default")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Make (737) 842-0001 the default" }));
    await waitFor(() => expect(within(row(list, "(737) 842-0001")).getByText("Default")).toBeInTheDocument());
    expect(within(row(list, "(512) 555-0134")).queryByText("Default")).toBeNull();
    expect(server.calls("PATCH").map(([u, i]) => [u, JSON.parse(String(i!.body))])).toEqual([["/api/org/sms-numbers/n1", { isDefault: true }]]);

    fireEvent.click(screen.getByRole("button", { name: "Remove (512) 555-0134" }));
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(1));
    expect(server.calls("DELETE").map(([u]) => u)).toEqual(["/api/org/sms-numbers/a"]);
  });

  it("says when the org has no number of its own", async () => {
    fakeServer([]);
    render(<TextingNumbersSection />);
    expect(await screen.findByText(/No numbers yet/)).toBeInTheDocument();
  });
});
