import { describe, expect, it } from "vitest";
import { signPayload, verifySignature } from "./signature";

const secret = "whsec_test_0123456789";
const body = '{"email":"a@b.co"}';
const now = 1_795_000_000;

describe("webhook signatures", () => {
  it("accepts its own signature", () => {
    expect(verifySignature(signPayload(secret, body, now), body, secret, now)).toEqual({ ok: true });
  });

  it("accepts up to five minutes of clock skew either way, not more", () => {
    expect(verifySignature(signPayload(secret, body, now - 300), body, secret, now).ok).toBe(true);
    expect(verifySignature(signPayload(secret, body, now + 300), body, secret, now).ok).toBe(true);
    expect(verifySignature(signPayload(secret, body, now - 301), body, secret, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/window/) });
  });

  it("refuses a changed body, another secret, or a missing or malformed header", () => {
    const header = signPayload(secret, body, now);
    expect(verifySignature(header, body + " ", secret, now).ok).toBe(false);
    expect(verifySignature(header, body, "other-secret", now).ok).toBe(false);
    expect(verifySignature(null, body, secret, now)).toMatchObject({ reason: expect.stringMatching(/missing/) });
    expect(verifySignature("v1=abc", body, secret, now)).toMatchObject({ reason: "malformed signature header" });
    expect(verifySignature(`t=${now},v1=`, body, secret, now)).toMatchObject({ reason: "malformed signature header" });
    expect(verifySignature(`t=${now},v1=zz`, body, secret, now)).toMatchObject({ reason: "signature does not match" });
  });

  it("accepts any of several v1 values (during a rotation)", () => {
    const good = signPayload(secret, body, now).split(",")[1];
    expect(verifySignature(`t=${now},v1=${"0".repeat(64)},${good}`, body, secret, now).ok).toBe(true);
  });
});
