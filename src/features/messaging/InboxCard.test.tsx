import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { jsonResponse, mockFetch } from "@/test/fetchMock";
import { renderWithRouter } from "@/test/renderWithRouter";
import { InboxCard } from "./InboxCard";

describe("InboxCard", () => {
  it("lists replies newest first with the lead they came from, and marks keywords", async () => {
    mockFetch((url) =>
      url === "/api/messages/inbox"
        ? jsonResponse({
            items: [
              { id: "a1", leadId: "11111111-1111-4111-8111-111111111111", leadName: "Rosa Hall", from: "+15128427320", body: "Yes, call me after 5", keyword: null, receivedAt: "2026-11-30T16:00:00Z" },
              { id: "a2", leadId: "22222222-2222-4222-8222-222222222222", leadName: "Tom Lee", from: "+15128427321", body: "stop", keyword: "stop", receivedAt: "2026-11-30T15:00:00Z" },
            ],
          })
        : jsonResponse({}, 404),
    );
    renderWithRouter(<InboxCard />);
    const list = await screen.findByRole("list", { name: "Replies" });
    const items = within(list).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Rosa Hall · (512) 842-7320");
    expect(items[0]).toHaveTextContent("Yes, call me after 5");
    expect(within(items[0]).getByRole("link", { name: "Rosa Hall" })).toHaveAttribute("href", "/leads/11111111-1111-4111-8111-111111111111");
    expect(items[1]).toHaveTextContent("STOP — stop");
  });
});
