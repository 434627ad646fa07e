import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "../config";
import type { DatabaseHandle } from "../db/connect";
import { openPostgres } from "../db/connect";
import { setDatabase } from "../db/instance";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { testBackends } from "../testing/testDatabase";

describe("GET /api/health", () => {
  let handle: DatabaseHandle;
  const savedRedis = process.env.REDIS_URL;
  beforeAll(async () => {
    useTestEnv();
    handle = await testBackends()[0].open();
    setDatabase(handle);
  });
  afterAll(async () => {
    if (savedRedis === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = savedRedis;
    resetConfig();
    await handle.close();
  });

  it("reports ok with the queue inline when no Redis is configured", async () => {
    delete process.env.REDIS_URL;
    resetConfig();
    const res = await api("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", checks: { db: "ok", queue: "inline" } });
    expect(typeof res.body.version).toBe("string");
  });

  it("reports the queue ok when Redis answers (the machine's Redis)", async () => {
    process.env.REDIS_URL = savedRedis ?? "redis://127.0.0.1:6379";
    resetConfig();
    const res = await api("GET", "/api/health");
    expect(res.body.checks.queue).toBe("ok");
  });

  it("reports the queue down (but still 200: jobs wait in the outbox) when Redis does not answer", async () => {
    process.env.REDIS_URL = "redis://127.0.0.1:1";
    resetConfig();
    const res = await api("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "degraded", checks: { db: "ok", queue: "down" } });
  });

  it("answers 503 naming the database when it is unreachable", async () => {
    delete process.env.REDIS_URL;
    resetConfig();
    const unreachable = openPostgres("postgres://postgres@127.0.0.1:1/none", { max: 1 });
    setDatabase(unreachable);
    try {
      const res = await api("GET", "/api/health");
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: "down", checks: { db: "down" } });
    } finally {
      setDatabase(handle);
      await unreachable.close().catch(() => {});
    }
  });
});
