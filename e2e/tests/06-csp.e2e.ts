import { readFileSync } from "node:fs";
import { SECURITY_HEADERS } from "../../netlify/server/local/securityHeaders";
import { assert, DEMO_USERS, defineTest, signIn, waitForLeadRows } from "../lib/harness";

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  column: number;
}

/** The value of `Name = "…"` in netlify.toml's [headers.values] for "/*" (the file is ours: no TOML parser needed). */
function netlifyHeader(toml: string, name: string): string {
  const match = new RegExp(`^\\s*${name}\\s*=\\s*"([^"]*)"`, "mi").exec(toml);
  assert(match, `netlify.toml sets no ${name} header`);
  return match[1];
}

// The production headers in netlify.toml work with the built SPA: served with its Content-Security-Policy, the app
// signs in, lists leads, opens the dialog and the workflow editor (React Flow) without a violation; the local servers
// send the same other headers.
export default defineTest("the SPA runs under netlify.toml's Content-Security-Policy", async (t) => {
  const { page, context } = t;
  const toml = readFileSync("netlify.toml", "utf8");
  const csp = netlifyHeader(toml, "Content-Security-Policy");
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    const canonical = name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
    assert(netlifyHeader(toml, canonical) === value, `netlify.toml's ${canonical} differs from the local server's "${value}"`);
  }

  await context.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { __cspViolations: Violation[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, column: e.columnNumber }),
    );
  });
  // Documents get the header Netlify would add; the local server sends no CSP.
  await page.route("**/*", async (route) => {
    if (route.request().resourceType() !== "document") return route.fallback();
    const response = await route.fetch();
    return route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": csp } });
  });

  await signIn(t, DEMO_USERS.owner);
  await waitForLeadRows(page, 10);
  await page.getByRole("button", { name: "Add lead", exact: true }).click();
  await page.getByRole("dialog", { name: "Add lead", exact: true }).waitFor();
  await page.keyboard.press("Escape");

  // The workflow builder draws with React Flow (inline styles, SVG): it must run under the same policy.
  await page.getByRole("link", { name: "Workflows", exact: true }).click();
  await page.getByRole("button", { name: "New workflow", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "New workflow" });
  await dialog.getByLabel("Name", { exact: true }).fill(`CSP check ${Date.now()}`);
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await page.getByTestId("node-trigger").waitFor();

  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations);
  // None at all: main.tsx turns off zod's eval probe (z.config({ jitless: true })).
  const unexpected = violations;
  assert(
    unexpected.length === 0,
    `CSP violations:\n${unexpected.map((v) => `${v.directive} blocked ${v.blocked || "inline"} at ${v.source}:${v.line}:${v.column}`).join("\n")}`,
  );
});
