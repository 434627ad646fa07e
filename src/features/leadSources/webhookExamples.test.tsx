import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compactJson, curlExample, nodeExample, samplePayload, webhookUrl } from "./webhookExamples";

const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    execFileSync("bash", ["-c", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("webhook examples", () => {
  it("builds the webhook URL from this origin and the source's path", () => {
    expect(webhookUrl({ webhookPath: "/api/webhooks/leads/abc" })).toBe(`${window.location.origin}/api/webhooks/leads/abc`);
  });

  it("shapes a custom source's sample payload after its mapping paths", () => {
    const payload = samplePayload({ type: "custom", mapping: { email: "contact.emails.0", firstName: "contact.name.first", phone: "phones.0.number" } });
    expect(payload).toEqual({
      contact: { emails: ["ada@example.com"], name: { first: "Ada" } },
      phones: [{ number: "+15125550100" }],
    });
  });

  it("lays JSON out compactly without changing it", () => {
    const payload = samplePayload({ type: "facebook", mapping: {} });
    const text = compactJson(payload);
    expect(JSON.parse(text)).toEqual(payload);
    expect(text).toContain('{ "name": "email", "values": ["ada@example.com"] }');
  });

  it("puts the URL and secret in both snippets, quoted for the shell and for JavaScript", () => {
    const example = { url: "https://crm.example.com/api/webhooks/leads/abc", secret: "whsec_it's", payload: { a: 1 } };
    expect(curlExample(example)).toContain(`SECRET='whsec_it'\\''s'`);
    expect(curlExample(example)).toContain("curl -sS -X POST 'https://crm.example.com/api/webhooks/leads/abc'");
    const node = nodeExample(example);
    expect(node).toContain('const url = "https://crm.example.com/api/webhooks/leads/abc";');
    expect(node).toContain(`process.env.HIDDEN_KEY_SECRET ?? "whsec_it's"`);
    expect(node).toContain('createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")');
    expect(node).toContain('"X-Hidden-Key-Signature": `t=${timestamp},v1=${signature}`');
  });

  it.skipIf(!hasOpenssl)("signs in the curl example exactly as the server checks (HMAC-SHA256 of t.body)", () => {
    const secret = "whsec_it's-a-secret";
    const script = curlExample({ url: "http://unused.invalid", secret, payload: samplePayload({ type: "generic", mapping: {} }) });
    // Run everything before the curl call, then print what would be sent.
    const signing = script.slice(0, script.indexOf("curl "));
    const out = execFileSync("bash", ["-c", `${signing}\nprintf '%s\\n%s\\n%s' "$TS" "$SIG" "$BODY"`]).toString();
    const [ts, sig, ...body] = out.split("\n");
    const expected = createHmac("sha256", secret).update(`${ts}.${body.join("\n")}`).digest("hex");
    expect(sig).toBe(expected);
  });
});
