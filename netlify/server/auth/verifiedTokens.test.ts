import { describe, expect, it } from "vitest";
import { createVerifiedTokenCache } from "./verifiedTokens";

const claims = (sub: string, expSeconds: number) => ({ sub, role: "authenticated", exp: expSeconds });

describe("verified token cache", () => {
  it("hits for the same token until it expires, then forgets it", () => {
    const cache = createVerifiedTokenCache();
    const now = 1_800_000_000_000;
    cache.remember("a.b.c", claims("u1", now / 1000 + 60));
    expect(cache.get("a.b.c", now)?.sub).toBe("u1");
    expect(cache.get("a.b.d", now)).toBeUndefined(); // only the identical token
    expect(cache.get("a.b.c", now + 60_000)).toBeUndefined(); // at exp: verify again (and refuse)
    expect(cache.get("a.b.c", now)).toBeUndefined(); // gone for good
  });

  it("never keeps a token without an expiry", () => {
    const cache = createVerifiedTokenCache();
    cache.remember("x", { sub: "u", role: "authenticated" });
    expect(cache.get("x")).toBeUndefined();
  });

  it("drops the least recently used token when full", () => {
    const cache = createVerifiedTokenCache(2);
    const exp = Date.now() / 1000 + 600;
    cache.remember("t1", claims("u1", exp));
    cache.remember("t2", claims("u2", exp));
    expect(cache.get("t1")?.sub).toBe("u1"); // t1 used: t2 is now the oldest
    cache.remember("t3", claims("u3", exp));
    expect(cache.get("t2")).toBeUndefined();
    expect(cache.get("t1")?.sub).toBe("u1");
    expect(cache.get("t3")?.sub).toBe("u3");
  });
});
