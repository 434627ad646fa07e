// A worker process for the workflow crash test: the BullMQ runtime over the test's PostgreSQL and Redis (its own
// key prefix), running the workflow and messaging queues until it is killed. Run with tsx.
import pino from "pino";
import { openPostgres } from "../db/connect";
import { startBullmqRuntime } from "../jobs/bullmqRuntime";
import "../jobs/allJobs";

const handle = openPostgres(process.env.DATABASE_URL!, { max: 4 });
const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
startBullmqRuntime(handle.db, pino({ level: "silent" }), {
  connection: { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null },
  prefix: process.env.WORKER_PREFIX,
  queues: ["workflow", "messaging"],
  concurrency: 10,
  relayIntervalMs: 20,
});
console.log("ready");
