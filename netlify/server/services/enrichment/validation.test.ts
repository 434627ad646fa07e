import { describe, expect, it } from "vitest";
import { checkAddress } from "./addressValidation";
import { checkEmail, lookupMx } from "./emailValidation";
import { checkPhone } from "./phoneValidation";

describe("checkEmail", () => {
  it("flags disposable domains, role mailboxes and free providers", () => {
    expect(checkEmail("Someone@Mailinator.com")).toMatchObject({ email: "someone@mailinator.com", validSyntax: true, disposable: true, role: false });
    expect(checkEmail("info@acme-realty.com")).toMatchObject({ role: true, freeProvider: false, disposable: false });
    expect(checkEmail("maria.garcia@gmail.com")).toMatchObject({ role: false, freeProvider: true, suggestion: null });
  });
  it("suggests the likely domain for a common typo", () => {
    expect(checkEmail("bob@gmial.com").suggestion).toBe("bob@gmail.com");
    expect(checkEmail("ann@yaho.com").suggestion).toBe("ann@yahoo.com");
  });
  it("rejects broken syntax without guessing", () => {
    expect(checkEmail("not an email")).toMatchObject({ validSyntax: false, suggestion: null });
  });
});

describe("lookupMx", () => {
  it("answers true/false from the resolver, and null when it times out or fails for another reason", async () => {
    expect(await lookupMx("example.com", 100, async () => [{ exchange: "mx.example.com", priority: 10 }])).toBe(true);
    expect(await lookupMx("nope.invalid", 100, async () => Promise.reject(Object.assign(new Error("x"), { code: "ENOTFOUND" })))).toBe(false);
    expect(await lookupMx("slow.example", 20, () => new Promise(() => {}))).toBeNull();
    expect(await lookupMx("x.example", 100, async () => Promise.reject(Object.assign(new Error("x"), { code: "ECONNREFUSED" })))).toBeNull();
  });
});

describe("checkPhone", () => {
  it("validates and formats US numbers with their type where the plan knows it", () => {
    expect(checkPhone("(512) 842-7311")).toMatchObject({ valid: true, e164: "+15128427311", region: "US", type: "FIXED_LINE_OR_MOBILE", textable: true });
    expect(checkPhone("+44 7911 123456")).toMatchObject({ valid: true, type: "MOBILE", textable: true });
    expect(checkPhone("+1 800 555 0199")).toMatchObject({ valid: true, type: "TOLL_FREE", textable: false });
  });
  it("says invalid for garbage", () => {
    expect(checkPhone("12")).toMatchObject({ valid: false, e164: null, type: null });
    expect(checkPhone("(512) 000-0000")).toMatchObject({ valid: false, e164: null });
  });
});

describe("checkAddress", () => {
  it("fills city, state, county and coordinates from the ZIP and standardises the street", () => {
    expect(checkAddress({ street: "4100 north oak street", zip: "78704" })).toMatchObject({
      street: "4100 N Oak St",
      city: "Austin",
      state: "TX",
      county: "Travis",
      zipKnown: true,
      mismatches: [],
    });
    const a = checkAddress({ zip: "78704" });
    expect(a.latitude).toBeCloseTo(30.24, 1);
    expect(a.longitude).toBeCloseTo(-97.77, 1);
  });
  it("reports a city or state that disagrees with the ZIP", () => {
    expect(checkAddress({ city: "Dallas", state: "Texas", zip: "78704" })).toMatchObject({ city: "Austin", state: "TX", mismatches: ["city"] });
    expect(checkAddress({ city: "Austin", state: "CA", zip: "78704" }).mismatches).toEqual(["state"]);
  });
  it("keeps what was given when the ZIP is unknown", () => {
    expect(checkAddress({ city: "Nowhere", state: "tx", zip: "00000" })).toMatchObject({ city: "Nowhere", state: "TX", zipKnown: false, county: null });
  });
});
