// One cold start, in a fresh Node process started by coldstart.ts: `node --import tsx <this file> [module url] [request url]`
// for the TypeScript sources, or plain `node` on this file transpiled, for the esbuild bundles.
// Nothing is imported statically, so the first line below runs as soon as Node and tsx are up.
// Without arguments this is the baseline: a process that imports nothing and exits.
// The result goes to stdout as one line: BENCH_RESULT {json}.

const bootMs = performance.now(); // ms since this process started (performance.timeOrigin)

interface ChildResult {
  bootMs: number;
  importMs?: number;
  firstRequestMs?: number;
  secondRequestMs?: number;
  status?: number;
  secondStatus?: number;
  bodyBytes?: number;
}

type Handler = (req: Request, context: { params: Record<string, string> }) => Promise<Response>;

async function main(): Promise<ChildResult> {
  const [moduleUrl, requestUrl] = process.argv.slice(2);
  if (!moduleUrl) return { bootMs };

  const headers: Record<string, string> = {};
  if (process.env.BENCH_TOKEN) headers.authorization = `Bearer ${process.env.BENCH_TOKEN}`;
  if (process.env.BENCH_ORG_ID) headers["x-org-id"] = process.env.BENCH_ORG_ID;

  const t0 = performance.now();
  const mod = (await import(moduleUrl)) as { default: Handler };
  const t1 = performance.now();
  const first = await mod.default(new Request(requestUrl, { headers }), { params: {} });
  const body = await first.arrayBuffer();
  const t2 = performance.now();
  const second = await mod.default(new Request(requestUrl, { headers }), { params: {} });
  await second.arrayBuffer();
  const t3 = performance.now();

  return {
    bootMs,
    importMs: t1 - t0,
    firstRequestMs: t2 - t1,
    secondRequestMs: t3 - t2,
    status: first.status,
    secondStatus: second.status,
    bodyBytes: body.byteLength,
  };
}

// Exits as soon as the result is out, without closing the pool: a function instance is frozen or killed,
// never shut down gracefully, and the module's database handle isn't reachable from a bundle anyway.
main().then(
  (result) => {
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`, () => process.exit(0));
  },
  (err: unknown) => {
    process.stderr.write(`cold start failed: ${err instanceof Error ? err.stack : String(err)}\n`, () => process.exit(1));
  },
);
