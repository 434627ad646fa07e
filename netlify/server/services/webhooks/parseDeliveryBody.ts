import { HttpError } from "../../http/errors";

/** The body of a delivery: JSON, or a form post (repeated keys become arrays). 400 when it doesn't parse. */
export function parseDeliveryBody(contentType: string, raw: string): unknown {
  if (contentType === "application/x-www-form-urlencoded") {
    const params = new URLSearchParams(raw);
    const out: Record<string, string | string[]> = {};
    for (const key of new Set(params.keys())) {
      const all = params.getAll(key);
      out[key] = all.length > 1 ? all : all[0];
    }
    return out;
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, "malformed_json", "Request body is not valid JSON");
  }
}

export function deliveryContentType(req: Request): "application/json" | "application/x-www-form-urlencoded" {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json" || type === "application/x-www-form-urlencoded") return type;
  throw new HttpError(415, "unsupported_media_type", "Send JSON or application/x-www-form-urlencoded");
}
