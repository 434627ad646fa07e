/**
 * The router's URL search serialization: plain strings, so filters read naturally in the address bar and
 * survive a reload or a shared link as they were typed (`?zip=01234&status=new,contacted`). Each route's
 * validateSearch turns the strings into what it needs (numbers, lists) and drops what it does not know.
 * (TanStack's default JSON-encodes values instead: `?zip=%2201234%22`.)
 */
export function parseSearch(searchStr: string): Record<string, unknown> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(searchStr.startsWith("?") ? searchStr.slice(1) : searchStr)) {
    const previous = result[key];
    if (previous === undefined) result[key] = value;
    else result[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return result;
}

/** Leaves out undefined, null, "" and []; lists become comma lists; other objects JSON. */
export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(","));
    } else if (typeof value === "object") {
      params.set(key, JSON.stringify(value));
    } else {
      params.set(key, String(value));
    }
  }
  // Commas are fine in a query string and much easier to read than %2C.
  const str = params.toString().replace(/%2C/gi, ",");
  return str ? `?${str}` : "";
}
