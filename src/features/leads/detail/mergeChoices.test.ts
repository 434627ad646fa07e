import { describe, expect, it } from "vitest";
import type { Lead } from "@/domain/leads";
import { keepFromSelection, mergeChoices } from "./mergeChoices";

const base: Lead = {
  id: "11111111-1111-4111-8111-111111111111",
  orgId: "o",
  firstName: "Maria",
  lastName: "Garcia",
  email: "maria@example.com",
  phone: "+15125550134",
  source: "Direct Mail",
  status: "new",
  tags: [],
  assigneeId: null,
  notes: null,
  address: { street: "4100 Oak St", city: "Austin", state: "TX", zip: "78704" },
} as unknown as Lead;

describe("mergeChoices", () => {
  it("lists only the fields that differ, with both values as shown", () => {
    const other = { ...base, id: "2", email: "mgarcia@work.com", phone: "+15125550199", address: { ...base.address } } as Lead;
    const choices = mergeChoices(base, other);
    expect(choices.map((c) => c.field)).toEqual(["email", "phone"]);
    expect(choices[1]).toMatchObject({ thisValue: "(512) 555-0134", otherValue: "(512) 555-0199", preferred: "this" });
  });

  it("prefers the other lead's value where this one has none, and names assignees", () => {
    const self = { ...base, email: null, assigneeId: null } as Lead;
    const other = { ...base, assigneeId: "u-1", status: "qualified" } as Lead;
    const choices = mergeChoices(self, other, (id) => (id === "u-1" ? "Adam Agent" : id));
    expect(choices).toEqual([
      { field: "email", label: "Email", thisValue: "", otherValue: "maria@example.com", preferred: "other" },
      { field: "status", label: "Status", thisValue: "New", otherValue: "Qualified", preferred: "this" },
      { field: "assigneeId", label: "Assignee", thisValue: "", otherValue: "Adam Agent", preferred: "other" },
    ]);
  });

  it("compares the address as one value", () => {
    const other = { ...base, address: { ...base.address, street: "12 Elm St" } } as Lead;
    expect(mergeChoices(base, other)).toEqual([
      expect.objectContaining({ field: "address", thisValue: "4100 Oak St, Austin, TX, 78704", otherValue: "12 Elm St, Austin, TX, 78704" }),
    ]);
  });
});

describe("keepFromSelection", () => {
  it("sends only the fields taken from the other lead", () => {
    expect(keepFromSelection({ email: "other", phone: "this", address: "other" })).toEqual({ email: "other", address: "other" });
  });
});
