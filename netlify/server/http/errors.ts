import type { ApiErrorBody } from "../../../src/domain/apiError";

/** An error that becomes a 4xx response with the shape of docs/API.md. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
    /** More of the error's own shape, e.g. a workflow's validation issues. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new HttpError(400, "bad_request", message, fields);
export const validationFailed = (fields: Record<string, string>) =>
  new HttpError(400, "validation_failed", `Invalid ${Object.keys(fields).join(", ")}`, fields);
export const unauthorized = (code = "unauthenticated", message = "Sign in to continue") => new HttpError(401, code, message);
export const forbidden = (message = "Your role does not allow this", code = "forbidden") => new HttpError(403, code, message);
export const notFound = (what = "Resource") => new HttpError(404, "not_found", `${what} not found`);
export const conflict = (code: string, message: string, fields?: Record<string, string>) => new HttpError(409, code, message, fields);

export function errorBody(code: string, message: string, requestId: string, fields?: Record<string, string>, details?: Record<string, unknown>): ApiErrorBody {
  return { error: { ...details, code, message, ...(fields ? { fields } : {}), requestId } };
}
