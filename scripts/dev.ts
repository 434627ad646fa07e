import { createServer as createViteServer } from "vite";
import { getConfig } from "../netlify/server/config";
import "../netlify/server/jobs/allJobs";
import { startInlineRunner } from "../netlify/server/jobs/inlineRunner";
import { startWorkflowClock } from "../netlify/server/services/workflows/workflowClock";
import { startAuditSealer } from "../netlify/server/jobs/auditSealer";
import { log } from "../netlify/server/log";
import { startAppServer } from "./lib/appServer";
import { prepareDatabase } from "./lib/prepareDatabase";
import { onShutdown } from "./lib/shutdown";

// npm run dev: the SPA with hot reload and the API on one port, over the embedded PGlite unless DATABASE_URL is set.
const config = getConfig();
const handle = await prepareDatabase({ seedSharedDatabase: true });
const vite = await createViteServer({ server: { middlewareMode: true }, appType: "spa" });
const { server, url } = await startAppServer({ port: config.PORT, spa: vite.middlewares });
log.info(`Hidden Key is running at ${url}`);
console.log(`\n  Hidden Key is running at ${url}\n  Sign in as agent@demo.test / demo-pass-2026 (local demo only)\n`);

// Without Redis the server runs background jobs itself, from the same outbox the worker would relay.
const jobs = config.REDIS_URL ? undefined : startInlineRunner(handle.db, log);
const clock = config.REDIS_URL ? undefined : startWorkflowClock(handle.db, log);
const sealer = config.REDIS_URL ? undefined : startAuditSealer(handle.db, log);

onShutdown(async () => {
  server.close();
  await clock?.stop();
  await sealer?.stop();
  await jobs?.stop();
  await vite.close();
  await handle.close();
});
