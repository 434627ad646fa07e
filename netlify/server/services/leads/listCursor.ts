import { validationFailed } from "../../http/errors";
import { isUuid } from "../../http/ids";

/** Keyset cursor for a sorted list: the sort it belongs to, the last row's sort value and id. */
export interface ListCursor {
  sort: string;
  value: string;
  id: string;
}


export function encodeListCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.value, c.id])).toString("base64url");
}

/** 400 naming cursor when it isn't one of ours, or belongs to another sort order. */
export function decodeListCursor(raw: string, sort: string): ListCursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 3 && v[0] === sort && typeof v[1] === "string" && v[1].length <= 300 && isUuid(String(v[2]))) {
      return { sort: v[0], value: v[1], id: v[2] };
    }
  } catch {
    // falls through
  }
  throw validationFailed({ cursor: "is not a cursor this list returned (was the sort changed?)" });
}
