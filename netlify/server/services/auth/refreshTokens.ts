import { createHash, randomBytes, randomUUID } from "node:crypto";
import { getConfig } from "../../config";
import type { Tx } from "../../db/transactions";
import { unauthorized } from "../../http/errors";

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new opaque refresh token in a session family; only its SHA-256 is stored. */
export async function createRefreshToken(tx: Tx, userId: string, family: string = randomUUID()): Promise<{ token: string; family: string }> {
  const token = randomBytes(32).toString("base64url");
  const days = getConfig().REFRESH_TOKEN_TTL_DAYS;
  await tx
    .insertInto("auth.refreshTokens")
    .values({ token: sha256(token), userId, family, expiresAt: new Date(Date.now() + days * 86_400_000) })
    .execute();
  return { token, family };
}

/**
 * Rotates a refresh token: the presented one is revoked and a new one of the same family returned. A token
 * presented twice means it was stolen or replayed, so the whole family is revoked (reuse detection).
 */
export async function rotateRefreshToken(tx: Tx, presented: string): Promise<{ userId: string; token: string; family: string }> {
  const row = await tx
    .selectFrom("auth.refreshTokens")
    .select(["id", "userId", "family", "revoked", "expiresAt"])
    .where("token", "=", sha256(presented))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw unauthorized("invalid_refresh_token", "The refresh token is not valid");
  if (row.revoked) {
    await tx.updateTable("auth.refreshTokens").set({ revoked: true }).where("family", "=", row.family).execute();
    throw unauthorized("invalid_refresh_token", "The refresh token was already used; sign in again");
  }
  if (new Date(row.expiresAt).getTime() < Date.now()) throw unauthorized("invalid_refresh_token", "The refresh token has expired");
  await tx.updateTable("auth.refreshTokens").set({ revoked: true }).where("id", "=", row.id).execute();
  const next = await createRefreshToken(tx, row.userId, row.family);
  return { userId: row.userId, ...next };
}
