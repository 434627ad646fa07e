import type { z } from "zod";
import { HttpError, badRequest } from "./errors";
import { parseOrThrow } from "./validation";

export const DEFAULT_BODY_LIMIT = 1024 * 1024; // 1 MB

/** Reads the raw body as text, refusing (413) anything over the limit without buffering it all. */
export async function readBodyText(req: Request, limit = DEFAULT_BODY_LIMIT): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(limit: number) {
  return new HttpError(413, "payload_too_large", `Request body is larger than ${Math.round(limit / 1024)} KB`);
}

export function requireJsonContentType(req: Request): void {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw new HttpError(415, "unsupported_media_type", "Send the body as application/json");
  }
}

/** A JSON body, checked against a zod schema: 415, 413, 400 malformed_json or 400 validation_failed. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, limit = DEFAULT_BODY_LIMIT): Promise<z.output<S>> {
  requireJsonContentType(req);
  const text = await readBodyText(req, limit);
  if (text.trim() === "") throw badRequest("Request body is required", { body: "is required" });
  return parseOrThrow(schema, parseJsonText(text));
}

/** JSON.parse, or 400 malformed_json. */
function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "malformed_json", "Request body is not valid JSON");
  }
}

/** Like readJson, for bodies that are all optional: an empty body (no content type needed) reads as `{}`. */
export async function readOptionalJson<S extends z.ZodType>(req: Request, schema: S, limit = DEFAULT_BODY_LIMIT): Promise<z.output<S>> {
  const text = await readBodyText(req, limit);
  if (text.trim() === "") return parseOrThrow(schema, {});
  requireJsonContentType(req);
  return parseOrThrow(schema, parseJsonText(text));
}
