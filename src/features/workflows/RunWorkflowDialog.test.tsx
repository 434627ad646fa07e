import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { WorkflowSummary } from "@/domain/workflows";
import { bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { Toaster } from "@/ui/Toaster";
import { RunWorkflowDialog } from "./RunWorkflowDialog";

const base: WorkflowSummary = {
  id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", name: "Re-engage", description: null, enabled: true, triggerEvent: "manual", version: 1, hasUnpublishedChanges: false,
  executions: { running: 0, completed: 0, failed: 0 }, createdAt: "", updatedAt: "",
};
const leadIds = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"];

describe("RunWorkflowDialog", () => {
  it("offers only published, enabled manual workflows and runs the chosen one on the selected leads", async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url === "/api/workflows")
        return jsonResponse({ items: [base, { ...base, id: "b", name: "Off", enabled: false }, { ...base, id: "c", name: "Draft", version: null }, { ...base, id: "d", name: "Auto", triggerEvent: "lead.created" }] });
      if (url === `/api/workflows/${base.id}/run` && init.method === "POST") return jsonResponse({ queued: 1 }, 202);
      return jsonResponse({ error: { code: "not_found", message: url } }, 404);
    });
    render(<><RunWorkflowDialog leadIds={leadIds} open onOpenChange={() => {}} /><Toaster /></>);
    const dialog = await screen.findByRole("dialog", { name: "Run a workflow" });
    const options = await within(dialog).findAllByRole("radio");
    expect(options).toHaveLength(1);
    fireEvent.click(within(dialog).getByLabelText("Re-engage"));
    fireEvent.click(within(dialog).getByRole("button", { name: "Run" }));
    expect(await screen.findByText("“Re-engage” is starting for 1 lead")).toBeInTheDocument();
    await waitFor(() => expect(bodyOf(fetchMock, 1)).toEqual({ leadIds }));
  });
});
