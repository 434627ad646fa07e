import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Suppression } from "@/domain/suppressions";
import { jsonResponse, mockFetch } from "@/test/fetchMock";
import { SuppressionsSection } from "./SuppressionsSection";

/** A stand-in for /api/suppressions keeping its list in memory. */
function fakeServer(initial: Suppression[]) {
  let items = [...initial];
  let seq = 0;
  const fetchMock = mockFetch((url, init) => {
    const method = init.method ?? "GET";
    if (url.startsWith("/api/suppressions?") && method === "GET") {
      const q = new URL(url, "http://x").searchParams.get("q") ?? "";
      return jsonResponse({ items: items.filter((s) => s.address.includes(q.toLowerCase())), nextCursor: null });
    }
    if (url === "/api/suppressions" && method === "POST") {
      const body = JSON.parse(String(init.body)) as { channel: "sms" | "email"; address: string };
      const added: Suppression = { id: `s${++seq}`, ...body, reason: "manual", source: "manual", createdAt: "2026-11-30T00:00:00.000Z" };
      items = [added, ...items];
      return jsonResponse(added, 201);
    }
    if (method === "DELETE") {
      const id = url.split("/").pop();
      items = items.filter((s) => s.id !== id);
      return new Response(null, { status: 204 });
    }
    return jsonResponse({}, 404);
  });
  return { fetchMock, posts: () => fetchMock.mock.calls.filter(([, i]) => i?.method === "POST").map(([, i]) => JSON.parse(String(i?.body))) };
}

const stop: Suppression = { id: "stop1", channel: "sms", address: "+15125550134", reason: "stop", source: "twilio_inbound", createdAt: "2026-11-01T00:00:00.000Z" };

describe("SuppressionsSection", () => {
  it("lists who may not be contacted and why; adds a number normalised by the API's schema; removes only what was added by hand", async () => {
    const server = fakeServer([stop]);
    render(<SuppressionsSection canRemove />);
    const list = await screen.findByRole("list", { name: "Do-not-contact list" });
    expect(within(list).getByText("(512) 555-0134")).toBeInTheDocument();
    expect(within(list).getByText(/Texted STOP/)).toBeInTheDocument();
    expect(within(list).queryByRole("button", { name: /Remove/ })).toBeNull(); // an opt-out stays

    const form = screen.getByRole("form", { name: "Add to the do-not-contact list" });
    fireEvent.change(within(form).getByLabelText("Phone or email"), { target: { value: "555" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add" }));
    expect(await within(form).findByText("is not a phone number")).toBeInTheDocument();
    expect(server.posts()).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText("Phone or email"), { target: { value: "(737) 842-0001" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add" }));
    await waitFor(() => expect(server.posts()).toEqual([{ channel: "sms", address: "+17378420001" }]));
    const added = await within(list).findByText("(737) 842-0001");
    expect(added).toBeInTheDocument();

    fireEvent.click(screen.getByRole("button", { name: "Remove (737) 842-0001 from the list" }));
    await waitFor(() => expect(within(list).queryByText("(737) 842-0001")).toBeNull());
    expect(within(list).getByText("(512) 555-0134")).toBeInTheDocument();
  });

  it("checks an email address as email when the channel is email", async () => {
    const server = fakeServer([]);
    render(<SuppressionsSection canRemove={false} />);
    expect(await screen.findByText("Nobody on the list yet.")).toBeInTheDocument();
    const form = screen.getByRole("form", { name: "Add to the do-not-contact list" });
    fireEvent.change(within(form).getByLabelText("Channel"), { target: { value: "email" } });
    fireEvent.change(within(form).getByLabelText("Phone or email"), { target: { value: " Owner@Example.COM " } });
    fireEvent.click(within(form).getByRole("button", { name: "Add" }));
    await waitFor(() => expect(server.posts()).toEqual([{ channel: "email", address: "owner@example.com" }]));
    const list = await screen.findByRole("list", { name: "Do-not-contact list" });
    expect(within(list).getByText("owner@example.com")).toBeInTheDocument();
    expect(within(list).queryByRole("button", { name: /Remove/ })).toBeNull(); // not allowed to remove
  });
});
