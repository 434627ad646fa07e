import { fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { conditionGroupSchema, type ConditionGroup } from "@/domain/workflows";
import { ConditionGroupEditor } from "./ConditionGroupEditor";

/** The editor with its state held, as a form's Controller would; `spy` sees every change. */
function Harness({ initial, spy }: { initial: ConditionGroup; spy: (g: ConditionGroup) => void }) {
  const [value, setValue] = useState(initial);
  return <ConditionGroupEditor value={value} onChange={(g) => (setValue(g), spy(g))} />;
}
const last = (spy: ReturnType<typeof vi.fn>) => spy.mock.calls.at(-1)![0] as ConditionGroup;

describe("ConditionGroupEditor", () => {
  it("adds a rule and offers only the operators of the field's type", () => {
    const spy = vi.fn();
    render(<Harness initial={{ op: "and", rules: [] }} spy={spy} />);
    expect(screen.getByText("No rules: always true.")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Rule" }));
    const rule = screen.getByRole("group", { name: "Rule 1" });
    expect(last(spy)).toEqual({ op: "and", rules: [{ field: "lead.status", operator: "equals", value: "new" }] });

    fireEvent.change(within(rule).getByLabelText("Field"), { target: { value: "lead.score" } });
    const operators = within(rule).getAllByRole("option").filter((o) => o.closest("select")?.getAttribute("aria-label") === "Operator").map((o) => o.textContent);
    expect(operators).toEqual(["is", "is not", "is greater than", "is at least", "is less than", "is at most", "is empty", "is not empty"]);

    // A number field needs a number: the rule says so until one is typed.
    expect(within(rule).getByText("Value is required")).toBeInTheDocument();
    fireEvent.change(within(rule).getByLabelText("Operator"), { target: { value: "gte" } });
    fireEvent.change(within(rule).getByLabelText("Value"), { target: { value: "50" } });
    expect(within(rule).queryByText(/Value/)).toBeNull();
    expect(last(spy)).toEqual({ op: "and", rules: [{ field: "lead.score", operator: "gte", value: 50 }] });
    expect(conditionGroupSchema.safeParse(last(spy)).success).toBe(true);
  });

  it("takes no value for unary operators and a list for 'is one of'", () => {
    const spy = vi.fn();
    render(<Harness initial={{ op: "and", rules: [{ field: "lead.status", operator: "equals", value: "new" }] }} spy={spy} />);
    const rule = screen.getByRole("group", { name: "Rule 1" });
    fireEvent.change(within(rule).getByLabelText("Operator"), { target: { value: "in" } });
    fireEvent.click(within(rule).getByLabelText("qualified"));
    fireEvent.click(within(rule).getByLabelText("contacted"));
    expect(last(spy).rules[0]).toEqual({ field: "lead.status", operator: "in", value: ["qualified", "contacted"] });

    fireEvent.change(within(rule).getByLabelText("Field"), { target: { value: "lead.email" } });
    fireEvent.change(within(rule).getByLabelText("Operator"), { target: { value: "is_empty" } });
    expect(within(rule).queryByLabelText("Value")).toBeNull();
    expect(last(spy).rules[0]).toEqual({ field: "lead.email", operator: "is_empty" });
  });

  it("nests an OR group, switches AND/OR and removes rules and groups", () => {
    const spy = vi.fn();
    render(<Harness initial={{ op: "and", rules: [{ field: "lead.status", operator: "equals", value: "new" }] }} spy={spy} />);
    fireEvent.click(screen.getByRole("button", { name: "Group" }));
    expect(last(spy).rules[1]).toEqual({ op: "or", rules: [{ field: "lead.status", operator: "equals", value: "new" }] });
    const nested = screen.getByRole("group", { name: "Conditions, group 2" });
    fireEvent.click(within(nested).getByRole("button", { name: "Rule" }));
    expect((last(spy).rules[1] as ConditionGroup).rules).toHaveLength(2);

    fireEvent.change(screen.getAllByLabelText("Match")[0], { target: { value: "or" } });
    expect(last(spy).op).toBe("or");
    fireEvent.click(within(nested).getByRole("button", { name: "Remove group" }));
    expect(last(spy).rules).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Remove rule 1" }));
    expect(last(spy)).toEqual({ op: "or", rules: [] });
  });
});
