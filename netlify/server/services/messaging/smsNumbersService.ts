import type { Kysely } from "kysely";
import type { SmsNumber } from "../../../../src/domain/smsNumbers";
import type { Database } from "../../db/schema";
import type { Tx } from "../../db/transactions";
import { conflict, notFound } from "../../http/errors";
import { isUuid } from "../../http/ids";

// An org's texting numbers (org_sms_numbers). The API runs as the caller (RLS: members read, owners and admins
// write); the send job and the inbound webhook read them as the service role.

type Row = { id: string; phone: string; isDefault: boolean; createdAt: Date };
const toSmsNumber = (r: Row): SmsNumber => ({ id: r.id, phone: r.phone, isDefault: r.isDefault, createdAt: new Date(r.createdAt).toISOString() });
const COLUMNS = ["id", "phone", "isDefault", "createdAt"] as const;

export async function listSmsNumbers(tx: Tx, orgId: string): Promise<SmsNumber[]> {
  const rows = await tx.selectFrom("orgSmsNumbers").select(COLUMNS).where("orgId", "=", orgId).orderBy("createdAt").orderBy("id").execute();
  return rows.map(toSmsNumber);
}

const numberTaken = () => conflict("number_taken", "This number is already registered to an organization", { phone: "is already registered to an organization" });

function isPhoneTaken(err: unknown): boolean {
  const e = err as { code?: unknown; constraint_name?: string; constraint?: string };
  return e?.code === "23505" && (e.constraint_name ?? e.constraint) === "org_sms_numbers_phone_key";
}

/** Clears the org's default (before another number takes it: one default per org, enforced by a unique index). */
async function clearDefault(tx: Tx, orgId: string, except?: string) {
  let q = tx.updateTable("orgSmsNumbers").set({ isDefault: false }).where("orgId", "=", orgId).where("isDefault", "=", true);
  if (except) q = q.where("id", "!=", except);
  await q.execute();
}

/**
 * Adds a number (already E.164). 409 number_taken when any org — this one included — has it: a number belongs to
 * one org across the deployment (the unique index decides, also for numbers of orgs the caller can't see). The
 * org's first number becomes its default.
 */
export async function addSmsNumber(tx: Tx, orgId: string, input: { phone: string; isDefault?: boolean }): Promise<SmsNumber> {
  const mine = await tx.selectFrom("orgSmsNumbers").select(["id", "phone"]).where("orgId", "=", orgId).forUpdate().execute();
  if (mine.some((n) => n.phone === input.phone)) throw numberTaken();
  const isDefault = input.isDefault === true || mine.length === 0;
  if (isDefault) await clearDefault(tx, orgId);
  try {
    const row = await tx.insertInto("orgSmsNumbers").values({ orgId, phone: input.phone, isDefault }).returning(COLUMNS).executeTakeFirstOrThrow();
    return toSmsNumber(row);
  } catch (err) {
    // The transaction is aborted either way; the request ends here with the answer.
    if (isPhoneTaken(err)) throw numberTaken();
    throw err;
  }
}

async function getSmsNumber(tx: Tx, orgId: string, id: string): Promise<Row> {
  if (!isUuid(id)) throw notFound("Texting number");
  const row = await tx.selectFrom("orgSmsNumbers").select(COLUMNS).where("orgId", "=", orgId).where("id", "=", id).forUpdate().executeTakeFirst();
  if (!row) throw notFound("Texting number");
  return row;
}

/** `isDefault: true` moves the org's default here; `false` leaves the org without one (texts fall back to TWILIO_FROM). */
export async function updateSmsNumber(tx: Tx, orgId: string, id: string, input: { isDefault: boolean }): Promise<SmsNumber> {
  const current = await getSmsNumber(tx, orgId, id);
  if (current.isDefault === input.isDefault) return toSmsNumber(current);
  if (input.isDefault) await clearDefault(tx, orgId, id);
  const row = await tx.updateTable("orgSmsNumbers").set({ isDefault: input.isDefault }).where("orgId", "=", orgId).where("id", "=", id).returning(COLUMNS).executeTakeFirstOrThrow();
  return toSmsNumber(row);
}

/** Removes a number. Removing the default leaves the org without one until another is made default. */
export async function deleteSmsNumber(tx: Tx, orgId: string, id: string): Promise<void> {
  await getSmsNumber(tx, orgId, id);
  await tx.deleteFrom("orgSmsNumbers").where("orgId", "=", orgId).where("id", "=", id).execute();
}

/** The number an org's texts go out from (service role, for the send job): its default, or null. */
export async function defaultSmsNumber(db: Kysely<Database>, orgId: string): Promise<string | null> {
  const row = await db.selectFrom("orgSmsNumbers").select("phone").where("orgId", "=", orgId).where("isDefault", "=", true).executeTakeFirst();
  return row?.phone ?? null;
}

/** The org that owns `phone` (service role, for inbound routing), or null. */
export async function orgOwningSmsNumber(db: Kysely<Database>, phone: string): Promise<string | null> {
  const row = await db.selectFrom("orgSmsNumbers").select("orgId").where("phone", "=", phone).executeTakeFirst();
  return row?.orgId ?? null;
}
