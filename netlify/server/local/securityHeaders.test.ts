import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { securityHeadersFor } from "./securityHeaders";

describe("security headers", () => {
  it("forbid framing the app but let other sites embed the public forms", () => {
    expect(securityHeadersFor("/leads")["x-frame-options"]).toBe("DENY");
    expect(securityHeadersFor("/login")["content-security-policy"]).toBe("frame-ancestors 'none'");
    expect(securityHeadersFor("/f/sell-fast")).not.toHaveProperty("x-frame-options");
    expect(securityHeadersFor("/embed.js")).not.toHaveProperty("content-security-policy");
    expect(securityHeadersFor("/f/sell-fast")["x-content-type-options"]).toBe("nosniff");
  });

  it("netlify.toml does the same: no frame rule on every path, a deny rule on the app's paths", () => {
    const toml = readFileSync("netlify.toml", "utf8");
    const everyPath = toml.slice(toml.indexOf('for = "/*"'), toml.indexOf("[[headers]]", toml.indexOf('for = "/*"')));
    expect(everyPath).not.toMatch(/X-Frame-Options|frame-ancestors/);
    for (const path of ["/", "/login", "/signup", "/leads", "/leads/*", "/members", "/settings/*"]) {
      expect(toml).toContain(`for = "${path}"`);
    }
  });
});
