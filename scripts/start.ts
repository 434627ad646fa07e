import { existsSync } from "node:fs";
import sirv from "sirv";
import { getConfig } from "../netlify/server/config";
import "../netlify/server/jobs/allJobs";
import { startInlineRunner } from "../netlify/server/jobs/inlineRunner";
import { startWorkflowClock } from "../netlify/server/services/workflows/workflowClock";
import { startAuditSealer } from "../netlify/server/jobs/auditSealer";
import { log } from "../netlify/server/log";
import { startAppServer } from "./lib/appServer";
import { prepareDatabase } from "./lib/prepareDatabase";
import { onShutdown } from "./lib/shutdown";

// npm start: the production build (dist/, from `npm run build`) and the API on one port.
if (!existsSync("dist/index.html")) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(1);
}
const config = getConfig();
const handle = await prepareDatabase({ seedSharedDatabase: false });
const spa = sirv("dist", { single: true, etag: true, gzip: false, immutable: false });
const { server, url } = await startAppServer({ port: config.PORT, spa });
log.info(`Hidden Key (production build) is running at ${url}`);
console.log(`\n  Hidden Key (production build) is running at ${url}\n`);

// Without Redis the server runs background jobs itself, from the same outbox the worker would relay.
const jobs = config.REDIS_URL ? undefined : startInlineRunner(handle.db, log);
const clock = config.REDIS_URL ? undefined : startWorkflowClock(handle.db, log);
const sealer = config.REDIS_URL ? undefined : startAuditSealer(handle.db, log);

onShutdown(async () => {
  server.close();
  await clock?.stop();
  await sealer?.stop();
  await jobs?.stop();
  await handle.close();
});
