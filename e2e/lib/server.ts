import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = process.cwd();

/** Asks the OS for a port nobody is listening on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("could not find a free port"))));
    });
  });
}

function newestMtime(target: string): number {
  const full = path.join(ROOT, target);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(full, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` when dist/ is missing or older than the SPA's sources, so the tests never see a stale build. */
export function ensureBuild(): void {
  const built = existsSync(path.join(ROOT, "dist/index.html")) ? statSync(path.join(ROOT, "dist/index.html")).mtimeMs : 0;
  const sources = Math.max(...["src", "public", "index.html", "vite.config.ts", "package-lock.json"].map(newestMtime));
  if (built && built >= sources) {
    console.log("e2e: dist/ is up to date");
    return;
  }
  console.log(built ? "e2e: dist/ is older than the sources: npm run build" : "e2e: dist/ is missing: npm run build");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit", cwd: ROOT });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
}

export interface AppServer {
  baseURL: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the production build (scripts/start.ts: dist/ + the API on one port) in its own process group,
 * over a fresh embedded PGlite in a temp dir, so the demo org is seeded anew and nothing outside is touched.
 */
export async function startServer(options: { logFile: string; readyTimeoutMs?: number; env?: Record<string, string> }): Promise<AppServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hk-e2e-pglite-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    PGLITE_DIR: dataDir,
    JWT_SECRET: randomBytes(36).toString("base64url"), // 48 characters
    DEMO_SEED: "true",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "info",
  };
  // A fresh embedded database with local auth and the inline queue, whatever the calling shell has set.
  for (const name of ["DATABASE_URL", "REDIS_URL", "SUPABASE_URL", "SUPABASE_JWT_SECRET"]) delete env[name];
  // A caller (the board benchmark) may point it at a database of its own instead.
  Object.assign(env, options.env);

  const log = createWriteStream(options.logFile);
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  const child: ChildProcess = spawn(tsx, ["scripts/start.ts"], {
    cwd: ROOT,
    env,
    detached: true, // its own process group: stop() signals the whole tree (tsx runs node as a child)
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });

  const signalGroup = (signal: NodeJS.Signals) => {
    if (!child.pid) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  // Last resort if the runner itself dies without calling stop().
  const onExit = () => signalGroup("SIGKILL");
  process.once("exit", onExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    signalGroup("SIGTERM");
    const timedOut = await Promise.race([exitPromise.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 10_000))]);
    // The leader may exit before its children: always sweep the group.
    signalGroup("SIGKILL");
    if (timedOut) console.warn("e2e: the server did not stop within 10 s; killed its process group");
    process.removeListener("exit", onExit);
    await new Promise<void>((r) => log.end(r));
    rmSync(dataDir, { recursive: true, force: true });
  };

  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  try {
    for (;;) {
      if (exited) {
        const { code, signal } = exited;
        throw new Error(`the server exited before it was ready (code ${code}, signal ${signal})`);
      }
      try {
        const res = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.status === 200) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`GET /api/health was not 200 within ${options.readyTimeoutMs ?? 120_000} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (error) {
    await stop();
    const tail = readFileSync(options.logFile, "utf8").split("\n").slice(-40).join("\n");
    console.error(`e2e: server log (last lines of ${options.logFile}):\n${tail}`);
    throw error;
  }
  return { baseURL, logFile: options.logFile, stop };
}
