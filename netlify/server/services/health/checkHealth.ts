import { sql } from "kysely";
import { getConfig } from "../../config";
import { getDatabase } from "../../db/instance";

export interface Health {
  status: "ok" | "degraded" | "down";
  checks: { db: "ok" | "down"; queue: "inline" | "ok" | "down" };
  version: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref())]);
}

async function checkDb(): Promise<"ok" | "down"> {
  try {
    const { db } = await withTimeout(getDatabase(), 3000);
    await withTimeout(sql`select 1`.execute(db), 2000);
    return "ok";
  } catch {
    return "down";
  }
}

async function checkQueue(url: string | undefined): Promise<"inline" | "ok" | "down"> {
  if (!url) return "inline";
  const { Redis } = await import("ioredis"); // only when a queue is configured
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, enableOfflineQueue: false });
  redis.on("error", () => {});
  try {
    await withTimeout(redis.connect(), 1500);
    return (await withTimeout(redis.ping(), 1000)) === "PONG" ? "ok" : "down";
  } catch {
    return "down";
  } finally {
    redis.disconnect();
  }
}

/** The database is required (down → 503); the queue is not: jobs wait in the outbox while Redis is away. */
export async function checkHealth(): Promise<Health> {
  const config = getConfig();
  const [db, queue] = await Promise.all([checkDb(), checkQueue(config.REDIS_URL)]);
  const status = db === "down" ? "down" : queue === "down" ? "degraded" : "ok";
  return { status, checks: { db, queue }, version: config.version };
}
