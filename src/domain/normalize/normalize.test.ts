import { describe, expect, it } from "vitest";
import { normalizeAddress, standardizeStreet } from "./address";
import { normalizeEmail } from "./email";
import { normalizePhone } from "./phone";

describe("normalizeEmail", () => {
  it("trims and lowercases, empty is null", () => {
    expect(normalizeEmail("  Jane.Doe@Example.COM ")).toBe("jane.doe@example.com");
    expect(normalizeEmail("   ")).toBeNull();
  });
});

describe("normalizePhone", () => {
  it.each([
    ["(512) 555-0134", "+15125550134"],
    ["512.555.0134", "+15125550134"],
    ["+1 512 555 0134", "+15125550134"],
    ["1-512-555-0134", "+15125550134"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("%s → %s", (input, e164) => {
    expect(normalizePhone(input)).toEqual({ ok: true, e164 });
  });

  it("refuses what can't be a number", () => {
    expect(normalizePhone("555")).toMatchObject({ ok: false });
    expect(normalizePhone("call me")).toMatchObject({ ok: false });
    expect(normalizePhone("(123) 456-7890")).toMatchObject({ ok: false }); // no US area code starts with 1
  });

  it("empty is null", () => {
    expect(normalizePhone("")).toBeNull();
    expect(normalizePhone(undefined)).toBeNull();
  });
});

describe("addresses", () => {
  it("standardises street words like USPS", () => {
    expect(standardizeStreet("123 north main street apt. 4")).toBe("123 N Main St Apt 4");
    expect(standardizeStreet("4100 OAK AVENUE")).toBe("4100 Oak Ave");
  });

  it("splits a one-line address", () => {
    expect(normalizeAddress({ line: "123 Main Street, Austin, Texas 78704-1234" })).toEqual({
      street: "123 Main St",
      city: "Austin",
      state: "TX",
      zip: "78704",
    });
    expect(normalizeAddress({ line: "9 Elm Dr, san antonio TX 78209" })).toEqual({ street: "9 Elm Dr", city: "San Antonio", state: "TX", zip: "78209" });
  });

  it("cleans parts and keeps an unknown state as given for validation to name", () => {
    expect(normalizeAddress({ street: " 55  pine ln ", city: "tampa", state: "fl", zip: "33611" })).toEqual({ street: "55 Pine Ln", city: "Tampa", state: "FL", zip: "33611" });
    expect(normalizeAddress({ state: "Atlantis" }).state).toBe("Atlantis");
    expect(normalizeAddress({})).toEqual({ street: null, city: null, state: null, zip: null });
  });
});
