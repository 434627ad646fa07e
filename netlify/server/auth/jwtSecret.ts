import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { getConfig } from "../config";

let cached: Uint8Array | undefined;

/**
 * The HS256 key of local auth. JWT_SECRET when set (required in production); otherwise, for the embedded
 * default, a random key kept beside the PGlite data so sessions survive a restart of `npm run dev`.
 */
export function localJwtSecret(): Uint8Array {
  if (cached) return cached;
  const config = getConfig();
  if (config.JWT_SECRET) {
    cached = new TextEncoder().encode(config.JWT_SECRET);
    return cached;
  }
  // A key file is one machine's: any deployed or serverless instance needs the shared JWT_SECRET.
  if (config.NODE_ENV === "production" || process.env.NETLIFY || process.env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error("JWT_SECRET is required in production when SUPABASE_URL is not set");
  }
  const file = join(dirname(config.PGLITE_DIR), "jwt-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
  }
  cached = new TextEncoder().encode(readFileSync(file, "utf8").trim());
  return cached;
}

export function resetJwtSecret(): void {
  cached = undefined;
}
