import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { jsonResponse, mockFetch } from "@/test/fetchMock";
import { JobsPage } from "./JobsPage";

const overview = {
  queues: [{ queue: "enrichment", counts: { done: 12, failed: 1, pending: 2 } }],
  deadLetters: [{ id: "11111111-1111-4111-8111-111111111111", queue: "enrichment", name: "enrich-lead", attempts: 5, lastError: "ATTOM is unavailable (503)", payload: { leadId: "x" }, createdAt: "2026-11-30T09:00:00Z", failedAt: "2026-11-30T09:30:00Z" }],
  recentErrors: [],
  retentionDays: 14,
};

describe("JobsPage", () => {
  it("shows counts per queue and the dead letters, and retries one", async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url === "/api/jobs") return jsonResponse(overview);
      if (url.endsWith("/retry") && init.method === "POST") return jsonResponse({ id: "22222222-2222-4222-8222-222222222222" }, 201);
      return jsonResponse({ error: { code: "not_found", message: url } }, 404);
    });
    render(<JobsPage />);
    const table = await screen.findByRole("table", { name: "Jobs by queue" });
    const row = within(table).getByRole("row", { name: /enrichment/ });
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["2", "0", "12", "1", "0", "0"]);
    expect(screen.getByText(/counted for 14 days/)).toBeInTheDocument();
    const dead = screen.getByRole("list", { name: "Dead letters" });
    expect(dead).toHaveTextContent("ATTOM is unavailable (503)");
    fireEvent.click(within(dead).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([u, i]) => String(u) === "/api/jobs/11111111-1111-4111-8111-111111111111/retry" && i?.method === "POST")).toBe(true));
  });
});
