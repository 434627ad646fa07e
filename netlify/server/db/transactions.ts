import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "./schema";

export type Tx = Transaction<Database>;

/** The verified JWT claims of the caller, as Supabase puts them in request.jwt.claims. */
export interface JwtClaims {
  sub: string;
  role: string;
  email?: string;
  aud?: string | string[];
  exp?: number;
  app_metadata?: Record<string, unknown>;
  [claim: string]: unknown;
}

/**
 * Runs fn in a transaction as role `authenticated` with the caller's verified claims — what Supabase's API
 * does for every request — so Postgres's row-level security applies to everything fn touches.
 */
export function asUser<T>(db: Kysely<Database>, claims: JwtClaims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select ${becomeUser(claims)}`.execute(tx);
    return fn(tx);
  });
}

/**
 * The select-list items that make the rest of a transaction the caller's: role `authenticated` and the verified
 * claims, both local to the transaction. They take effect from the next statement on.
 */
export function becomeUser(claims: JwtClaims) {
  return sql`set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
}

/**
 * Runs fn in a transaction as the connection's own (service) role, bypassing RLS. Only for sign-up, sign-in,
 * seeding, migrations and background jobs — each call site says why it needs it.
 */
export function asService<T>(db: Kysely<Database>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
