import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-hidden-key-signature";
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` — what a lead source sends. */
export function signPayload(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks a signature header against the raw body: well-formed, at most five minutes old (either way), and a
 * v1 HMAC equal in constant time. Several v1 values are allowed (secret rotation).
 */
export function verifySignature(header: string | null, rawBody: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): SignatureCheck {
  if (!header) return { ok: false, reason: "missing X-Hidden-Key-Signature header" };
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = parts.find(([k]) => k === "t")?.[1];
  const candidates = parts.filter(([k, v]) => k === "v1" && v).map(([, v]) => v);
  if (!t || !/^\d{1,12}$/.test(t) || candidates.length === 0) return { ok: false, reason: "malformed signature header" };
  if (Math.abs(nowSeconds - Number(t)) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: "signature timestamp is outside the 5 minute window" };
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex"), "utf8");
  const match = candidates.some((c) => {
    const given = Buffer.from(c, "utf8");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return match ? { ok: true } : { ok: false, reason: "signature does not match" };
}
