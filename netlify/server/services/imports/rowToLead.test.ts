import { describe, expect, it } from "vitest";
import { guessColumnMapping } from "../webhooks/mapping";
import { rowToLead } from "./rowToLead";

describe("CSV rows → leads", () => {
  const headers = ["Owner Name", "E-mail Address", "Phone Number", "Property Address", "Zip Code", "Notes"];

  it("guesses the mapping from common headers", () => {
    expect(guessColumnMapping(headers)).toEqual({
      fullName: "Owner Name",
      email: "E-mail Address",
      phone: "Phone Number",
      street: "Property Address",
      zip: "Zip Code",
      notes: "Notes",
    });
  });

  it("builds a normalised lead", () => {
    const mapping = guessColumnMapping(headers);
    const r = rowToLead({ "Owner Name": "Ann Lee", "E-mail Address": " ANN@X.COM ", "Phone Number": "512.555.0134", "Property Address": "4 oak street", "Zip Code": "78704", Notes: "" }, mapping, "CSV import");
    expect(r).toEqual({ ok: true, lead: { firstName: "Ann", lastName: "Lee", email: "ann@x.com", phone: "+15125550134", source: "CSV import", address: { street: "4 Oak St", zip: "78704" } } });
  });

  it("names every bad field of a row", () => {
    const r = rowToLead({ email: "nope", phone: "123", zip: "1" }, { email: "email", phone: "phone", zip: "zip" }, "CSV");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(["address.zip", "email", "phone"]);
  });

  it("refuses a row with no way to reach the person", () => {
    expect(rowToLead({ city: "Austin" }, { city: "city" }, "CSV").ok).toBe(false);
  });
});
