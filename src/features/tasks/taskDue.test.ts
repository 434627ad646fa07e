import { describe, expect, it } from "vitest";
import { dueState, localInputToIso } from "./taskDue";

describe("dueState", () => {
  const now = new Date(2026, 10, 30, 12, 0);
  it("is overdue when the due time has passed", () => {
    expect(dueState({ status: "open", dueAt: new Date(2026, 10, 30, 11, 59).toISOString() }, now)).toBe("overdue");
  });
  it("is today later the same day, later after that", () => {
    expect(dueState({ status: "open", dueAt: new Date(2026, 10, 30, 18, 0).toISOString() }, now)).toBe("today");
    expect(dueState({ status: "open", dueAt: new Date(2026, 11, 1, 9, 0).toISOString() }, now)).toBe("later");
  });
  it("is nothing for a closed task or one without a due date", () => {
    expect(dueState({ status: "done", dueAt: new Date(2026, 10, 1).toISOString() }, now)).toBeNull();
    expect(dueState({ status: "open", dueAt: null }, now)).toBeNull();
  });
});

describe("localInputToIso", () => {
  it("reads a datetime-local value in local time", () => {
    expect(localInputToIso("2026-12-01T15:30")).toBe(new Date(2026, 11, 1, 15, 30).toISOString());
  });
  it("is null for empty or unreadable input", () => {
    expect(localInputToIso("")).toBeNull();
    expect(localInputToIso("soon")).toBeNull();
  });
});
