import { describe, expect, it } from "vitest";
import type { LeadRow } from "./leadDto";
import { diffLead } from "./leadChanges";

const base = { firstName: "A", lastName: null, email: "a@x.com", status: "new", tags: ["x", "y"], street: null } as unknown as LeadRow;

describe("diffLead", () => {
  it("lists only the fields that changed, with before and after", () => {
    const after = { ...base, status: "contacted", lastName: "B" } as LeadRow;
    expect(diffLead(base, after)).toEqual({ status: { from: "new", to: "contacted" }, lastName: { from: null, to: "B" } });
  });
  it("treats reordered tags as unchanged", () => {
    expect(diffLead(base, { ...base, tags: ["y", "x"] } as LeadRow)).toEqual({});
    expect(diffLead(base, { ...base, tags: ["x"] } as LeadRow)).toEqual({ tags: { from: ["x", "y"], to: ["x"] } });
  });
});
