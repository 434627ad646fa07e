import { describe, expect, it } from "vitest";
import { mapPayload } from "./mapping";

describe("mapPayload", () => {
  it("generic JSON with nested address and utm", () => {
    const m = mapPayload("generic", {
      id: "evt_1",
      first_name: "Ann",
      last_name: "Lee",
      email: "ANN@x.com",
      phone: "512-555-0134",
      address: { street: "1 Oak St", city: "Austin", state: "TX", zip: "78704" },
      utm: { source: "google", campaign: "probate" },
    });
    expect(m).toEqual({
      lead: { firstName: "Ann", lastName: "Lee", email: "ANN@x.com", phone: "512-555-0134", address: { street: "1 Oak St", city: "Austin", state: "TX", zip: "78704" } },
      eventId: "evt_1",
      attribution: { utm_source: "google", utm_campaign: "probate" },
    });
  });

  it("Zapier's labelled keys and a full name", () => {
    const m = mapPayload("zapier", { "Full Name": "Maria de la Cruz", "Email Address": "m@x.com", "Phone Number": "5125550134", "Zip Code": "78704", "utm_source": "fb", Tags: "probate, vacant" });
    expect(m.lead).toEqual({ firstName: "Maria", lastName: "de la Cruz", email: "m@x.com", phone: "5125550134", tags: ["probate", "vacant"], address: { zip: "78704" } });
    expect(m.attribution).toEqual({ utm_source: "fb" });
  });

  it("Facebook Lead Ads field_data inside a webhook entry", () => {
    const m = mapPayload("facebook", {
      object: "page",
      entry: [{ changes: [{ field: "leadgen", value: { leadgen_id: "444", ad_id: "9", form_id: "7", field_data: [
        { name: "full_name", values: ["Joe Smith"] },
        { name: "email", values: ["joe@x.com"] },
        { name: "phone_number", values: ["+15125550134"] },
        { name: "street_address", values: ["9 Elm Dr"] },
        { name: "zip_code", values: ["78209"] },
      ] } }] }],
    });
    expect(m.lead).toEqual({ firstName: "Joe", lastName: "Smith", email: "joe@x.com", phone: "+15125550134", address: { street: "9 Elm Dr", zip: "78209" } });
    expect(m.eventId).toBe("444");
    expect(m.attribution).toEqual({ ad_id: "9", form_id: "7" });
  });

  it("a custom mapping wins over the aliases", () => {
    const m = mapPayload("custom", { contact: { mail: "c@x.com", tel: ["5125550134"] }, email: "ignored@x.com" }, { email: "contact.mail", phone: "contact.tel" });
    expect(m.lead).toMatchObject({ email: "c@x.com", phone: "5125550134" });
  });

  it("a one-line address is passed on to be split", () => {
    expect(mapPayload("generic", { name: "A", address: "1 Main St, Austin, TX 78704" }).lead).toEqual({ firstName: "A", addressLine: "1 Main St, Austin, TX 78704" });
  });

  it("a non-object payload maps to nothing (validation then names what is missing)", () => {
    expect(mapPayload("generic", [1, 2]).lead).toEqual({});
    expect(mapPayload("generic", "x").eventId).toBeNull();
  });
});
