import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { EMPTY_LOOKUPS } from "../forms/formKit";
import { NodeConfigPanel, type PanelNode } from "./NodeConfigPanel";

function renderPanel(node: PanelNode, extra: Partial<Parameters<typeof NodeConfigPanel>[0]> = {}) {
  const onConfigChange = vi.fn();
  const onLabelChange = vi.fn();
  const onDelete = vi.fn();
  render(<NodeConfigPanel node={node} issues={[]} lookups={EMPTY_LOOKUPS} onConfigChange={onConfigChange} onLabelChange={onLabelChange} onDelete={onDelete} onClose={() => {}} {...extra} />);
  return { onConfigChange, onLabelChange, onDelete };
}

describe("NodeConfigPanel", () => {
  it("shows the field's error for invalid input and hands valid input to the node", async () => {
    const { onConfigChange } = renderPanel({ id: "text", type: "send_sms", config: { body: "Hi" } });
    const text = screen.getByLabelText("Text");
    fireEvent.change(text, { target: { value: "   " } });
    expect(await screen.findByText("choose a template or write the text (one of them)")).toBeInTheDocument();
    expect(text).toHaveAttribute("aria-invalid", "true");

    fireEvent.change(text, { target: { value: "Hi {{lead.firstName}}" } });
    await waitFor(() => expect(screen.queryByText(/one of them/)).toBeNull());
    expect(onConfigChange).toHaveBeenLastCalledWith({ body: "Hi {{lead.firstName}}" });
  });

  it("inserts a variable into the text", async () => {
    const { onConfigChange } = renderPanel({ id: "text", type: "send_sms", config: { body: "Hi " } });
    fireEvent.click(within(screen.getByRole("list", { name: "Variables" })).getByRole("button", { name: "{{lead.firstName}}" }));
    await waitFor(() => expect(onConfigChange).toHaveBeenLastCalledWith({ body: "Hi {{lead.firstName}}" }));
  });

  it("keeps only the chosen wait mode's settings and checks the time", async () => {
    const { onConfigChange } = renderPanel({ id: "wait", type: "wait", config: { mode: "duration", amount: 2, unit: "days" } });
    fireEvent.click(screen.getByLabelText("Until a time of day"));
    const time = await screen.findByLabelText("Time (org's time zone)");
    fireEvent.change(time, { target: { value: "09:30" } });
    await waitFor(() => expect(onConfigChange).toHaveBeenLastCalledWith({ mode: "until_time", time: "09:30" }));
  });

  it("checks numbers: a task's due hours can't be negative", async () => {
    const { onConfigChange } = renderPanel({ id: "task", type: "create_task", config: { title: "Call back", dueInHours: 1 } });
    fireEvent.change(screen.getByLabelText("Due in (hours)"), { target: { value: "-3" } });
    expect(await screen.findByText(/>=0/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText("Due in (hours)"), { target: { value: "4" } });
    await waitFor(() => expect(onConfigChange).toHaveBeenLastCalledWith({ title: "Call back", dueInHours: 4 }));
  });

  it("renames and deletes the step, and lists its issues", () => {
    const { onLabelChange, onDelete } = renderPanel({ id: "note", type: "add_note", config: {} }, { issues: [{ nodeId: "note", severity: "error", message: "body: is required" }] });
    expect(within(screen.getByRole("list", { name: "Problems with this step" })).getByText("body: is required")).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText("Step name"), { target: { value: "Log it" } });
    expect(onLabelChange).toHaveBeenCalledWith("Log it");
    fireEvent.click(screen.getByRole("button", { name: "Delete step" }));
    expect(onDelete).toHaveBeenCalled();
  });
});
