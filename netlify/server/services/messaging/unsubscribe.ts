import { createHmac, timingSafeEqual } from "node:crypto";
import { localJwtSecret } from "../../auth/jwtSecret";
import { getConfig } from "../../config";

// Unsubscribe links: /api/unsubscribe/<token>, the token an HMAC-SHA256-signed {org, channel, address}. No
// expiry (a link in an old email must keep working); it can only ever suppress the address it names.

function secret(): Uint8Array | string {
  const c = getConfig();
  return c.MESSAGING_SIGNING_SECRET ?? c.JWT_SECRET ?? c.SUPABASE_JWT_SECRET ?? localJwtSecret();
}

const mac = (payload: string) => createHmac("sha256", secret()).update(`unsubscribe.v1.${payload}`).digest("base64url");

export interface UnsubscribeClaim {
  orgId: string;
  channel: "email" | "sms";
  address: string;
}

export function unsubscribeToken(claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify({ o: claim.orgId, c: claim.channel, a: claim.address })).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

/** The claim of a well-formed token with a valid signature; null otherwise. */
export function verifyUnsubscribeToken(token: string): UnsubscribeClaim | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return null;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const c = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { o?: unknown; c?: unknown; a?: unknown };
    if (typeof c.o !== "string" || (c.c !== "email" && c.c !== "sms") || typeof c.a !== "string") return null;
    return { orgId: c.o, channel: c.c, address: c.a };
  } catch {
    return null;
  }
}
