import { isApiErrorBody } from "@/domain/apiError";

/** An error answered by the API (or a failure to reach it), in the shape of docs/API.md. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields?: Record<string, string>;
  readonly requestId?: string;

  constructor(status: number, code: string, message: string, fields?: Record<string, string>, requestId?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
  }

  /** Builds an ApiError from a non-2xx response, whatever its body. */
  static async fromResponse(response: Response): Promise<ApiError> {
    const body: unknown = await response.json().catch(() => null);
    if (isApiErrorBody(body)) {
      const { code, message, fields, requestId } = body.error;
      return new ApiError(response.status, code, message, fields, requestId ?? response.headers.get("x-request-id") ?? undefined);
    }
    return new ApiError(
      response.status,
      `http_${response.status}`,
      response.statusText || `Request failed with status ${response.status}`,
      undefined,
      response.headers.get("x-request-id") ?? undefined,
    );
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
    (error as { cause?: unknown }).cause = cause;
    return error;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Please try again.";
}
