import type { PublicFormSubmission, PublicLeadForm } from "@/domain/leadForms";
import { ApiError } from "@/lib/apiError";
import { readJson, sendRequest, toRequestInit } from "@/lib/http";

/** A refused submission; on 429 it also says how long to wait (the Retry-After header), when the server said. */
export class PublicFormError extends ApiError {
  readonly retryAfterSeconds: number | null;

  constructor(base: ApiError, retryAfterSeconds: number | null) {
    super(base.status, base.code, base.message, base.fields, base.requestId);
    this.name = "PublicFormError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function formPath(slug: string): string {
  return `/api/public/forms/${encodeURIComponent(slug)}`;
}

// Public endpoints: no session, no org header (visitors are not signed in, and a signed-in owner
// previewing the form must not send their token to it either).

/** GET /api/public/forms/:slug — 404 (ApiError) when the form is unknown or switched off. */
export async function getPublicForm(slug: string, signal?: AbortSignal): Promise<PublicLeadForm> {
  const response = await sendRequest(formPath(slug), toRequestInit({ signal }));
  if (!response.ok) throw await ApiError.fromResponse(response);
  return readJson<PublicLeadForm>(response);
}

/** POST /api/public/forms/:slug/leads — 201 {ok, message}; throws PublicFormError otherwise. */
export async function submitPublicForm(slug: string, body: PublicFormSubmission): Promise<{ ok: boolean; message: string }> {
  const response = await sendRequest(`${formPath(slug)}/leads`, toRequestInit({ method: "POST", body }));
  if (!response.ok) {
    const retryAfter = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
    throw new PublicFormError(await ApiError.fromResponse(response), Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null);
  }
  return readJson<{ ok: boolean; message: string }>(response);
}
