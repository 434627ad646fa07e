/**
 * npm run test:e2e [-- name-filter]
 *
 * Builds the SPA if dist/ is missing or stale, starts the production server (scripts/start.ts) on a free port
 * over a fresh embedded PGlite with the demo seed, runs every e2e/tests/*.e2e.ts in headless Chromium (each in
 * its own browser context), then stops the server's whole process group, pass or fail.
 * Screenshots (and a failure screenshot per failed test) and the server log land in e2e/artifacts/.
 * The last line is "N passed, M failed"; the exit code is non-zero when anything failed.
 */
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { ARTIFACTS_DIR, saveScreenshot, type E2eTest } from "./lib/harness";
import { ensureBuild, startServer, type AppServer } from "./lib/server";

const TEST_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "tests");
const TEST_TIMEOUT_MS = 90_000;

async function loadTests(filter: string | undefined): Promise<E2eTest[]> {
  const files = readdirSync(TEST_DIR)
    .filter((f) => f.endsWith(".e2e.ts"))
    .sort();
  const tests: E2eTest[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(TEST_DIR, file)).href)) as { default?: E2eTest };
    if (!mod.default?.run) throw new Error(`${file} has no default export made with defineTest()`);
    if (!filter || file.includes(filter) || mod.default.name.toLowerCase().includes(filter.toLowerCase())) tests.push(mod.default);
  }
  return tests;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runTest(test: E2eTest, browser: Browser, baseURL: string): Promise<boolean> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(30_000);
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });

  const started = Date.now();
  let failure: unknown;
  try {
    await withTimeout(
      test.run({ baseURL, browser, context, page, screenshot: (name, options) => saveScreenshot(page, name, options) }),
      TEST_TIMEOUT_MS,
      test.name,
    );
    if (pageErrors.length) throw new Error(`uncaught error(s) in the page:\n    ${pageErrors.join("\n    ")}`);
  } catch (error) {
    failure = error;
  }
  const ms = Date.now() - started;

  if (failure === undefined) {
    console.log(`  ✓ ${test.name} (${ms} ms)`);
  } else {
    console.log(`  ✗ ${test.name} (${ms} ms)`);
    console.log(`    ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`.replace(/\n/g, "\n    "));
    if (consoleErrors.length) console.log(`    browser console errors:\n      ${consoleErrors.slice(-10).join("\n      ")}`);
    try {
      console.log(`    url: ${page.url()}`);
      console.log(`    screenshot: ${await saveScreenshot(page, `failure-${test.name}`, { fullPage: true })}`);
    } catch (error) {
      console.log(`    (no screenshot: ${error instanceof Error ? error.message : String(error)})`);
    }
  }
  await context.close().catch(() => {});
  return failure === undefined;
}

async function main(): Promise<number> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const tests = await loadTests(process.argv[2]);
  if (tests.length === 0) {
    console.error(`e2e: no test matches ${JSON.stringify(process.argv[2])}`);
    return 1;
  }

  ensureBuild();
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;

  const interrupt = (signal: NodeJS.Signals) => {
    console.error(`e2e: ${signal}: stopping`);
    void Promise.allSettled([browser?.close(), server?.stop()]).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);

  try {
    const startedAt = Date.now();
    server = await startServer({ logFile: path.join(ARTIFACTS_DIR, "server.log") });
    console.log(`e2e: server ready at ${server.baseURL} in ${Date.now() - startedAt} ms (log: ${server.logFile})`);

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });

    console.log(`e2e: running ${tests.length} test(s)`);
    for (const test of tests) {
      if (await runTest(test, browser, server.baseURL)) passed++;
      else failed++;
    }
  } catch (error) {
    console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
    // Setup failed: every test that did not get to run counts as failed.
    failed = Math.max(tests.length - passed, 1);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
  }

  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exit(await main());
