import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { tokenFor, type Fixture } from "./fixtures";
import { summarize, type LatencySummary } from "./stats";

export interface ColdStartOptions {
  /** Measured fresh processes per target (after one un-measured warm-up round). */
  runs: number;
  /** A child that runs longer than this is killed and the benchmark fails. */
  childTimeoutMs: number;
  /** Also bundle each function with esbuild (as Netlify does) and time the bundle under plain node. */
  bundled: boolean;
}

export const DEFAULT_COLDSTART_OPTIONS: ColdStartOptions = { runs: 5, childTimeoutMs: 30_000, bundled: true };

interface ChildResult {
  bootMs: number;
  importMs?: number;
  firstRequestMs?: number;
  secondRequestMs?: number;
  status?: number;
  secondStatus?: number;
  bodyBytes?: number;
}

interface Sample extends ChildResult {
  /** From spawn() to the process's exit, as seen by the parent. */
  wallMs: number;
}

type Mode = "tsx" | "bundle";

export interface ModeInfo {
  mode: Mode;
  /** How the child is started. */
  launcher: string;
  /** The same launcher on a module that imports nothing and exits. */
  baseline: { boot: LatencySummary; wall: LatencySummary };
}

export interface TargetResult {
  name: string;
  mode: Mode;
  module: string;
  request: string;
  status: number;
  boot: LatencySummary;
  import: LatencySummary;
  firstRequest: LatencySummary;
  secondRequest: LatencySummary;
  /** boot + import + first request, inside the child. */
  ready: LatencySummary;
  wall: LatencySummary;
}

export interface ColdStartResult {
  options: ColdStartOptions;
  modes: ModeInfo[];
  targets: TargetResult[];
  /** Why the bundled variant is missing, when it is. */
  bundleSkipped?: string;
  findings: string[];
}

function coldStartFindings(modes: ModeInfo[], targets: TargetResult[]): string[] {
  const out: string[] = [];
  const r1 = (n: number) => Math.round(n);
  for (const fn of FUNCTIONS) {
    const tsx = targets.find((t) => t.name === fn.name && t.mode === "tsx");
    const bundle = targets.find((t) => t.name === fn.name && t.mode === "bundle");
    if (!tsx) continue;
    const share = tsx.import.p50 / (tsx.import.p50 + tsx.firstRequest.p50);
    out.push(
      `${fn.name}: under tsx, importing the module is ${Math.round(share * 100)} % of what our code adds ` +
        `(${r1(tsx.import.p50)} ms import, ${r1(tsx.firstRequest.p50)} ms first request, ${r1(tsx.secondRequest.p50)} ms warm)` +
        (bundle
          ? `; bundled by esbuild the same module imports in ${r1(bundle.import.p50)} ms (${(tsx.import.p50 / bundle.import.p50).toFixed(1)}× less): ` +
            `most of the tsx import is tsx transforming and resolving hundreds of files one by one, which a bundled deploy doesn't pay.`
          : "."),
    );
  }
  const bundleMode = modes.find((m) => m.mode === "bundle");
  const worst = targets.filter((t) => t.mode === "bundle").sort((a, b) => b.wall.p50 - a.wall.p50)[0];
  if (bundleMode && worst) {
    out.push(
      `Bundled, a cold process answers its first request ${r1(worst.ready.p50 - bundleMode.baseline.boot.p50)} ms after bare node would be up ` +
        `(worst: ${worst.name}); the first request includes opening the database connection (and for leads verifying the JWT, ` +
        `resolving the org and preparing each statement once).`,
    );
  }
  return out;
}

const CHILD_TS = join(process.cwd(), "scripts", "bench", "coldstartChild.ts");
const FUNCTIONS = [
  { name: "health", file: "health.ts", path: "/api/health", auth: false },
  { name: "leads", file: "leads.ts", path: "/api/leads", auth: true },
];

function runChild(argv: string[], env: NodeJS.ProcessEnv, timeoutMs: number, what: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (code !== 0 || !line) {
        reject(new Error(`cold start of ${what} failed (exit ${code ?? signal}): ${err.trim() || out.trim()}`));
        return;
      }
      resolve({ ...(JSON.parse(line.slice("BENCH_RESULT ".length)) as ChildResult), wallMs });
    });
  });
}

/** The child's environment: the bench database, the same JWT secret, local auth, no queue. */
function childEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, DATABASE_URL: databaseUrl, NODE_ENV: "production", LOG_LEVEL: "info" };
  for (const key of ["SUPABASE_URL", "SUPABASE_JWT_SECRET", "REDIS_URL", "PGLITE_DIR", "NETLIFY", "NODE_OPTIONS"]) delete env[key];
  return env;
}

/**
 * Bundles each function as Netlify's esbuild bundler does (one ESM file, dependencies inlined) and the
 * child runner as plain JavaScript, into a temporary folder. Returns undefined when esbuild isn't there.
 */
async function buildBundles(dir: string): Promise<{ child: string; modules: Record<string, string> } | string> {
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch {
    return "esbuild is not installed";
  }
  const modules: Record<string, string> = {};
  for (const fn of FUNCTIONS) {
    const outfile = join(dir, fn.file.replace(/\.ts$/, ".mjs"));
    await esbuild.build({
      entryPoints: [join(process.cwd(), "netlify", "functions", fn.file)],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      // CommonJS dependencies inside an ESM bundle still call require().
      banner: { js: "import { createRequire as __bench_cr } from 'node:module'; const require = __bench_cr(import.meta.url);" },
      logLevel: "error",
    });
    modules[fn.name] = pathToFileURL(outfile).href;
  }
  const child = join(dir, "coldstartChild.mjs");
  await esbuild.build({ entryPoints: [CHILD_TS], outfile: child, platform: "node", format: "esm", target: "node20", logLevel: "error" });
  return { child, modules };
}

interface Job {
  key: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
  expectStatus: boolean;
}

export async function runColdStart(databaseUrl: string, fixture: Fixture, options: ColdStartOptions): Promise<ColdStartResult> {
  const org = fixture.orgs[0];
  const token = await tokenFor(org.agent);
  const envFor = (auth: boolean) =>
    auth ? childEnv(databaseUrl, { BENCH_TOKEN: token, BENCH_ORG_ID: org.id, JWT_SECRET: process.env.JWT_SECRET! }) : childEnv(databaseUrl);

  const tmp = await mkdtemp(join(tmpdir(), "hk-bench-"));
  try {
    const jobs: Job[] = [{ key: "baseline:tsx", argv: ["--import", "tsx", CHILD_TS], env: childEnv(databaseUrl), expectStatus: false }];
    for (const fn of FUNCTIONS) {
      const url = pathToFileURL(join(process.cwd(), "netlify", "functions", fn.file)).href;
      jobs.push({ key: `${fn.name}:tsx`, argv: ["--import", "tsx", CHILD_TS, url, `http://localhost${fn.path}`], env: envFor(fn.auth), expectStatus: true });
    }
    let bundleSkipped: string | undefined;
    if (options.bundled) {
      const built = await buildBundles(tmp).catch((err: unknown) => `esbuild failed: ${(err as Error).message}`);
      if (typeof built === "string") {
        bundleSkipped = built;
      } else {
        jobs.push({ key: "baseline:bundle", argv: [built.child], env: childEnv(databaseUrl), expectStatus: false });
        for (const fn of FUNCTIONS) {
          jobs.push({ key: `${fn.name}:bundle`, argv: [built.child, built.modules[fn.name], `http://localhost${fn.path}`], env: envFor(fn.auth), expectStatus: true });
        }
      }
    }

    const samples = new Map<string, Sample[]>(jobs.map((j) => [j.key, []]));
    // Round 0 warms the OS file cache and tsx's transform cache; it is not counted. Each round runs every
    // job once, in an order rotated by one each round, so drift hits them all alike.
    for (let round = 0; round <= options.runs; round++) {
      for (let i = 0; i < jobs.length; i++) {
        const job = jobs[(i + round) % jobs.length];
        const s = await runChild(job.argv, job.env, options.childTimeoutMs, job.key);
        if (job.expectStatus && (s.status !== 200 || s.secondStatus !== 200)) {
          throw new Error(`${job.key}: answered ${s.status}/${s.secondStatus}, expected 200`);
        }
        if (round > 0) samples.get(job.key)!.push(s);
      }
    }

    const tsxVersion = await readFile(join(process.cwd(), "node_modules", "tsx", "package.json"), "utf8")
      .then((t) => (JSON.parse(t) as { version: string }).version)
      .catch(() => "?");
    const modes: ModeInfo[] = (["tsx", "bundle"] as const)
      .filter((mode) => samples.has(`baseline:${mode}`))
      .map((mode) => {
        const list = samples.get(`baseline:${mode}`)!;
        return {
          mode,
          launcher:
            mode === "tsx"
              ? `node --import tsx (tsx ${tsxVersion}, node ${process.versions.node}) on the TypeScript sources`
              : `node ${process.versions.node} on an esbuild bundle (one ESM file per function, dependencies inlined)`,
          baseline: { boot: summarize(list.map((s) => s.bootMs)), wall: summarize(list.map((s) => s.wallMs)) },
        };
      });
    const targets: TargetResult[] = [];
    for (const mode of modes.map((m) => m.mode)) {
      for (const fn of FUNCTIONS) {
        const list = samples.get(`${fn.name}:${mode}`)!;
        targets.push({
          name: fn.name,
          mode,
          module: `netlify/functions/${fn.file}`,
          request: `GET ${fn.path}`,
          status: list[0].status!,
          boot: summarize(list.map((s) => s.bootMs)),
          import: summarize(list.map((s) => s.importMs!)),
          firstRequest: summarize(list.map((s) => s.firstRequestMs!)),
          secondRequest: summarize(list.map((s) => s.secondRequestMs!)),
          ready: summarize(list.map((s) => s.bootMs + s.importMs! + s.firstRequestMs!)),
          wall: summarize(list.map((s) => s.wallMs)),
        });
      }
    }
    return { options, modes, targets, bundleSkipped, findings: coldStartFindings(modes, targets) };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
