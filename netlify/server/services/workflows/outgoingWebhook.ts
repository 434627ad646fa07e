import { signPayload } from "../webhooks/signature";

// A workflow's "call webhook" step: POST JSON, signed exactly like the inbound lead webhooks
// (X-Hidden-Key-Signature: t=…,v1=HMAC-SHA256 of "t.body" with the workflow's secret) and carrying the step's
// idempotency key, so a receiver can drop the repeat a retry may bring.

export class WebhookCallFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface WebhookCall {
  url: string;
  secret: string;
  idempotencyKey: string;
  body: Record<string, unknown>;
  timeoutMs?: number;
}

export async function callOutgoingWebhook(call: WebhookCall): Promise<{ status: number; durationMs: number }> {
  const raw = JSON.stringify(call.body);
  const started = performance.now();
  let res: Response;
  try {
    res = await fetch(call.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hidden-key-signature": signPayload(call.secret, raw), "idempotency-key": call.idempotencyKey, "user-agent": "HiddenKey-Workflows/1" },
      body: raw,
      signal: AbortSignal.timeout(call.timeoutMs ?? 10_000),
      redirect: "manual",
    });
  } catch (err) {
    throw new WebhookCallFailed(`the webhook could not be reached: ${(err as Error).message}`, true);
  }
  await res.body?.cancel();
  const durationMs = Math.round(performance.now() - started);
  if (res.status >= 200 && res.status < 300) return { status: res.status, durationMs };
  // 408, 429 and 5xx may pass; any other answer is the receiver refusing this request.
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  throw new WebhookCallFailed(`the webhook answered ${res.status}`, retryable);
}
