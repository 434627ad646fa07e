import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";

export const ARTIFACTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "artifacts");

/** What every test gets: a fresh browser context (its own localStorage, so its own session) and one page in it. */
export interface TestContext {
  baseURL: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Saves a PNG of the viewport (or the whole page) into e2e/artifacts/ and returns its path. */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
}

export interface E2eTest {
  name: string;
  run(t: TestContext): Promise<void>;
}

/** One test file = one `export default defineTest(...)`. */
export function defineTest(name: string, run: (t: TestContext) => Promise<void>): E2eTest {
  return { name, run };
}

export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, "-").toLowerCase()}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}

export const DEMO_PASSWORD = "demo-pass-2026";
export const DEMO_USERS = {
  owner: "owner@demo.test",
  agent: "agent@demo.test",
  investor: "investor@demo.test",
} as const;

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Polls `check` until it returns true (playwright-core has no `expect`); fails with `message` after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, message: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${message} (after ${timeoutMs} ms)${lastError instanceof Error ? `: ${lastError.message}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function waitForPath(page: Page, pathname: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === pathname, { timeout: 15_000 });
}

export function leadsTable(page: Page): Locator {
  return page.getByRole("table", { name: "Leads", exact: true });
}

export function leadRows(page: Page): Locator {
  return leadsTable(page).locator("tbody tr");
}

/** Fills the sign-in form at /login and submits it. */
export async function fillSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Where each role lands after signing in: staff on the leads, investors in their portal. */
export const LANDING_PATHS = ["/leads", "/portal"] as const;

/** Opens /login, signs in and waits for the page the role lands on (/leads for staff, /portal for investors); returns its path. */
export async function signIn(t: TestContext, email: string, password = DEMO_PASSWORD): Promise<string> {
  await t.page.goto(`${t.baseURL}/login`);
  await fillSignIn(t.page, email, password);
  await t.page.waitForURL((url) => (LANDING_PATHS as readonly string[]).includes(url.pathname), { timeout: 15_000 });
  return new URL(t.page.url()).pathname;
}

/** Waits until the leads table shows more than `min` rows and returns the count. */
export async function waitForLeadRows(page: Page, min: number): Promise<number> {
  let count = 0;
  await eventually(async () => {
    count = await leadRows(page).count();
    return count > min;
  }, `expected the "Leads" table to show more than ${min} rows`);
  return count;
}

/**
 * GET an API path from inside the page, with the session the SPA stored (the same headers its own client sends).
 * Returns the status and the parsed JSON body.
 */
export async function apiGet<T = unknown>(page: Page, apiPath: string): Promise<{ status: number; body: T }> {
  return page.evaluate(async (p) => {
    const raw = localStorage.getItem("hk-session");
    const session = raw ? (JSON.parse(raw) as { state?: { accessToken?: string; activeOrgId?: string | null } }).state : undefined;
    const headers: Record<string, string> = {};
    if (session?.accessToken) headers.Authorization = `Bearer ${session.accessToken}`;
    if (session?.activeOrgId) headers["X-Org-Id"] = session.activeOrgId;
    const res = await fetch(p, { headers });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }, apiPath);
}

/** A suffix that makes names and emails unique across runs against the same database. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** POST JSON (or a raw body) to an API path from inside the page, with the SPA's session. */
export async function apiPost<T = unknown>(page: Page, apiPath: string, body: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ p, b }) => {
      const raw = localStorage.getItem("hk-session");
      const session = raw ? (JSON.parse(raw) as { state?: { accessToken?: string; activeOrgId?: string | null } }).state : undefined;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (session?.accessToken) headers.Authorization = `Bearer ${session.accessToken}`;
      if (session?.activeOrgId) headers["X-Org-Id"] = session.activeOrgId;
      const res = await fetch(p, { method: "POST", headers, body: JSON.stringify(b) });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { p: apiPath, b: body },
  );
}

/** Types into the leads search box and waits until the table shows a row containing `text`. */
export async function searchLeadsFor(page: Page, query: string, text: string): Promise<void> {
  await page.getByRole("searchbox", { name: "Search leads" }).or(page.getByLabel("Search leads", { exact: true })).first().fill(query);
  await leadRows(page).filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}
