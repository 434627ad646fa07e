import { HttpError } from "./errors";

/** Postgres errors that a request can cause with bad input, mapped to 4xx. Anything else stays a 500. */
// Unique constraints whose violation a caller can fix, with the field to name.
const UNIQUE_FIELDS: Record<string, [string, string]> = {
  leads_org_email_key: ["email", "another lead of this org has this email"],
  leads_org_phone_key: ["phone", "another lead of this org has this phone"],
  leads_org_address_key: ["address.street", "another lead of this org has this property address"],
};

export function httpErrorFromPostgres(err: unknown): HttpError | undefined {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== "string") return undefined;
  switch (code) {
    case "23505": {
      // postgres.js calls it constraint_name, PGlite constraint.
      const e = err as { constraint_name?: string; constraint?: string };
      const known = UNIQUE_FIELDS[e.constraint_name ?? e.constraint ?? ""];
      if (known) return new HttpError(409, "duplicate", "That would duplicate another record", { [known[0]]: known[1] });
      return new HttpError(409, "conflict", "That would duplicate an existing record");
    }
    case "23503":
      return new HttpError(409, "reference_missing", "A record this refers to does not exist");
    case "23514":
    case "23502":
    case "22P02":
    case "22001":
    case "22003":
    case "22007":
    case "22008":
      return new HttpError(400, "validation_failed", "A value is not valid for its field");
    case "42501":
      return new HttpError(403, "forbidden", "Your role does not allow this");
    case "40001":
    case "40P01":
      return new HttpError(409, "retry", "The request conflicted with another; try again", undefined, { "retry-after": "1" });
    default:
      return undefined;
  }
}
