import { validationFailed } from "../../http/errors";

/** Keyset cursor over (created_at desc, id desc): the last row's timestamp (microseconds kept) and id. */
export interface LeadCursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: LeadCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString("base64url");
}

const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(value: string): LeadCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && TS.test(String(parsed[0])) && UUID.test(String(parsed[1]))) {
      return { createdAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // falls through to the 400
  }
  throw validationFailed({ cursor: "is not a cursor this API returned" });
}
