import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";

/** A lead source as a delivery needs it; `version` is its updated_at as text (microseconds, unlike a Date). */
export interface Source {
  id: string;
  orgId: string;
  name: string;
  type: string;
  mapping: unknown;
  enabled: boolean;
  signingSecret: string;
  rateLimitPerMinute: number;
  version: string;
}

const TTL_MS = 30_000;
const MAX_ENTRIES = 2_000;
const cache = new Map<string, { source: Source; at: number }>();

/** Reads a source from the database (service role) and remembers it when it is enabled. */
export async function fetchSource(db: Kysely<Database>, id: string): Promise<Source | undefined> {
  const row = await db
    .selectFrom("webhookSources")
    .select(["id", "orgId", "name", "type", "mapping", "enabled", "signingSecret", "rateLimitPerMinute", sql<string>`updated_at::text`.as("version")])
    .where("id", "=", id)
    .executeTakeFirst();
  if (row?.enabled) remember(row);
  else cache.delete(id);
  return row;
}

/**
 * An enabled source read in the last 30 seconds, saving a delivery one round trip. A cached copy is never
 * trusted on its own: private.accept_webhook_delivery checks its version in the transaction that writes the
 * lead, and a delivery a cached copy would reject (bad signature) is checked again against a fresh read.
 */
export function cachedSource(id: string, now = Date.now()): Source | undefined {
  const hit = cache.get(id);
  if (!hit) return undefined;
  if (now - hit.at > TTL_MS) {
    cache.delete(id);
    return undefined;
  }
  return hit.source;
}

export function forgetSource(id: string): void {
  cache.delete(id);
}

function remember(source: Source) {
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!); // the oldest entry
  cache.set(source.id, { source, at: Date.now() });
}

/** Raised by private.accept_webhook_delivery when the source changed after it was read. */
export const STALE_SOURCE_SQLSTATE = "HKS01";
