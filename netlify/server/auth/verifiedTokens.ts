import type { JwtClaims } from "../db/transactions";

/**
 * Access tokens this process has verified, until they expire: a warm function verifies each token's signature once,
 * not on every request (HS256 through WebCrypto is a thread-pool round trip per call). Keyed by the whole token, so
 * only a byte-identical copy of a verified token hits; a hit past the token's `exp` is dropped and verified again
 * (which then refuses it as expired). Bounded: the least recently used entry goes first.
 */
export function createVerifiedTokenCache(maxEntries = 1000) {
  const entries = new Map<string, JwtClaims>();
  return {
    get(token: string, nowMs = Date.now()): JwtClaims | undefined {
      const claims = entries.get(token);
      if (!claims) return undefined;
      entries.delete(token);
      if (typeof claims.exp !== "number" || claims.exp * 1000 <= nowMs) return undefined;
      entries.set(token, claims); // most recently used last
      return claims;
    },
    remember(token: string, claims: JwtClaims): void {
      if (typeof claims.exp !== "number") return; // never cache a token that does not expire
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(token, claims);
    },
  };
}
