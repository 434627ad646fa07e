import { describe, expect, it } from "vitest";
import { createLeadRequestSchema, leadDisplayName, updateLeadRequestSchema } from "./leads";

describe("createLeadRequestSchema", () => {
  it("normalises email, state, tags and blank strings", () => {
    const lead = createLeadRequestSchema.parse({
      firstName: " Ann ",
      lastName: "",
      email: " ANN@Example.com ",
      tags: ["Probate", " probate", "Vacant"],
      address: { state: "tx", zip: "78704-1234", city: "" },
    });
    expect(lead).toEqual({
      firstName: "Ann",
      lastName: null,
      email: "ann@example.com",
      tags: ["probate", "vacant"],
      address: { state: "TX", zip: "78704-1234", city: null },
    });
  });

  it("needs some way to reach the person", () => {
    const result = createLeadRequestSchema.safeParse({ source: "PPC" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["firstName"]);
  });

  it("names each bad field", () => {
    const result = createLeadRequestSchema.safeParse({ firstName: "A", email: "x", phone: "abc", status: "hot", address: { state: "Atlantis", zip: "1" } });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["email", "phone", "status", "address.state", "address.zip"]));
  });

  it("refuses unknown keys such as orgId", () => {
    expect(createLeadRequestSchema.safeParse({ firstName: "A", orgId: "x" }).success).toBe(false);
  });
});

describe("updateLeadRequestSchema", () => {
  it("refuses an empty patch", () => {
    expect(updateLeadRequestSchema.safeParse({}).success).toBe(false);
  });
  it("allows clearing a field", () => {
    expect(updateLeadRequestSchema.parse({ email: "" })).toEqual({ email: null });
  });
});

describe("leadDisplayName", () => {
  it("falls back from name to email to phone", () => {
    expect(leadDisplayName({ firstName: "A", lastName: "B", email: null, phone: null })).toBe("A B");
    expect(leadDisplayName({ firstName: null, lastName: null, email: "e@x.com", phone: null })).toBe("e@x.com");
    expect(leadDisplayName({ firstName: null, lastName: null, email: null, phone: null })).toBe("Unnamed lead");
  });
});
