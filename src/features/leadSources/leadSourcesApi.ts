import type { Page } from "@/domain/leads";
import type {
  CreateLeadSourceRequest,
  LeadSource,
  LeadSourceMapping,
  LeadSourceType,
  LeadSourceWithSecret,
  WebhookAccepted,
  WebhookEvent,
} from "@/domain/leadSources";
import { apiFetch } from "@/lib/api";

export const DELIVERIES_PAGE_SIZE = 50;

export type WebhookEventStatus = WebhookEvent["status"];

export interface UpdateLeadSourceRequest {
  name?: string;
  type?: LeadSourceType;
  mapping?: LeadSourceMapping;
  enabled?: boolean;
  rateLimitPerMinute?: number;
}

export async function listLeadSources(signal?: AbortSignal): Promise<LeadSource[]> {
  const { items } = await apiFetch<{ items: LeadSource[] }>("/api/lead-sources", { signal });
  return items;
}

/** The answer carries the signing secret: the only time (with rotation) it is ever readable. */
export function createLeadSource(body: CreateLeadSourceRequest): Promise<LeadSourceWithSecret> {
  return apiFetch<LeadSourceWithSecret>("/api/lead-sources", { method: "POST", body });
}

export function updateLeadSource(id: string, body: UpdateLeadSourceRequest): Promise<LeadSource> {
  return apiFetch<LeadSource>(`/api/lead-sources/${encodeURIComponent(id)}`, { method: "PATCH", body });
}

/** A new secret; the old one stops working at once. */
export function rotateLeadSourceSecret(id: string): Promise<LeadSourceWithSecret> {
  return apiFetch<LeadSourceWithSecret>(`/api/lead-sources/${encodeURIComponent(id)}/rotate-secret`, { method: "POST" });
}

export function listWebhookEvents({
  sourceId,
  status,
  cursor,
  signal,
}: {
  sourceId?: string;
  status?: WebhookEventStatus | null;
  cursor?: string | null;
  signal?: AbortSignal;
}): Promise<Page<WebhookEvent>> {
  const query = new URLSearchParams();
  if (sourceId) query.set("sourceId", sourceId);
  if (status) query.set("status", status);
  query.set("limit", String(DELIVERIES_PAGE_SIZE));
  if (cursor) query.set("cursor", cursor);
  return apiFetch<Page<WebhookEvent>>(`/api/webhook-events?${query}`, { signal });
}

/** Runs a stored delivery again (202); the server records the replay as a new delivery. */
export function replayWebhookEvent(id: string): Promise<WebhookAccepted> {
  return apiFetch<WebhookAccepted>(`/api/webhook-events/${encodeURIComponent(id)}/replay`, { method: "POST" });
}
