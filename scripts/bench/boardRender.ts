import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { ensureBuild, startServer } from "../../e2e/lib/server";
import { tokenFor, type BenchOrg } from "./fixtures";
import { summarize, type LatencySummary } from "./stats";

export interface BoardRenderResult {
  skipped?: string;
  runs: number;
  /** Navigation to /pipeline until every column shows its cards (first 50 of each), the API call included. */
  subject?: LatencySummary;
  /** The same navigation with a filter no deal passes: the page and an empty board. */
  baseline?: LatencySummary;
  /** The board's API call as the browser saw it (resource timing), in the subject runs. */
  api?: LatencySummary;
  cardsRendered?: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The board of org A (2,000 open deals, seeded by runPipeline) rendered in Chromium by the production build,
 * served by scripts/start.ts on the bench database, signed in as the org's agent with a real token.
 */
export async function runBoardRender(databaseUrl: string, org: BenchOrg, runs = 6): Promise<BoardRenderResult> {
  if (!existsSync(CHROMIUM)) return { runs: 0, skipped: `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)` };
  ensureBuild();
  const server = await startServer({
    logFile: path.join(process.cwd(), "bench-results", "board-server.log"),
    env: { DATABASE_URL: databaseUrl, JWT_SECRET: process.env.JWT_SECRET!, DEMO_SEED: "false", LOG_LEVEL: "warn" },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, baseURL: server.baseURL });
    const token = await tokenFor(org.agent);
    await context.addInitScript(
      ([key, value]) => localStorage.setItem(key, value),
      ["hk-session", JSON.stringify({ state: { accessToken: token, refreshToken: "bench", user: { id: org.agent.id, email: org.agent.email, fullName: null }, activeOrgId: org.id }, version: 0 })],
    );
    const page = await context.newPage();
    const time = async (url: string, ready: () => Promise<unknown>) => {
      const started = performance.now();
      await page.goto(url);
      await ready();
      return performance.now() - started;
    };
    const cards = page.locator("section[data-stage-id] li[data-card-id]");
    const columns = page.locator("section[data-stage-id]");
    const boardReady = () => page.waitForFunction(() => document.querySelectorAll("section[data-stage-id] li[data-card-id]").length >= 250, undefined, { timeout: 60_000 });
    const emptyReady = async () => {
      await columns.first().waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => document.querySelectorAll("section[data-stage-id]").length >= 7, undefined, { timeout: 60_000 });
    };
    await time("/pipeline", boardReady); // warm-up: caches, JIT, the server's first queries
    await time("/pipeline?minValue=999999999999", emptyReady);
    const subject: number[] = [];
    const baseline: number[] = [];
    const api: number[] = [];
    for (let i = 0; i < runs; i++) {
      subject.push(await time("/pipeline", boardReady));
      api.push(await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => /\/api\/pipeline(\?|$)/.test(e.name)).map((e) => e.duration).at(-1) ?? NaN));
      baseline.push(await time("/pipeline?minValue=999999999999", emptyReady));
    }
    await page.goto("/pipeline");
    await boardReady();
    const cardsRendered = await cards.count();
    await page.screenshot({ path: path.join(process.cwd(), "bench-results", "board-2000.png") });
    return { runs, subject: summarize(subject), baseline: summarize(baseline), api: summarize(api), cardsRendered };
  } finally {
    await browser.close();
    await server.stop();
  }
}
