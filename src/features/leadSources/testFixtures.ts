import type { LeadSource, WebhookEvent } from "@/domain/leadSources";

export const sourceId = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";

export function leadSource(overrides: Partial<LeadSource> = {}): LeadSource {
  const id = overrides.id ?? sourceId;
  return {
    id,
    name: "Website form",
    type: "generic",
    mapping: {},
    enabled: true,
    rateLimitPerMinute: 600,
    webhookPath: `/api/webhooks/leads/${id}`,
    createdAt: "2026-03-04T15:00:00.000Z",
    updatedAt: "2026-03-04T15:00:00.000Z",
    ...overrides,
  };
}

export function webhookEvent(overrides: Partial<WebhookEvent> = {}): WebhookEvent {
  return {
    id: "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee",
    sourceId,
    status: "accepted",
    httpStatus: 202,
    reason: null,
    idempotencyKey: null,
    leadId: null,
    receivedAt: "2026-03-04T15:00:00.000Z",
    body: null,
    replayable: false,
    ...overrides,
  };
}
