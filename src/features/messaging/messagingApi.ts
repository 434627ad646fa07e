import type { Message, MessageChannel, MessagePreview, MessageStatus, MessageTemplate } from "@/domain/messaging";
import { apiFetch } from "@/lib/api";

// The messaging endpoints the send dialog and the outbox page use (docs/api/messaging.md).

export const listTemplates = () => apiFetch<{ items: MessageTemplate[] }>("/api/message-templates").then((r) => r.items);

export type DraftTemplate = { channel: MessageChannel; subject?: string; body: string };

export const previewMessage = (leadId: string, source: { templateId: string } | { template: DraftTemplate }, signal?: AbortSignal) =>
  apiFetch<MessagePreview>("/api/message-templates/preview", { method: "POST", body: { leadId, ...source }, signal });

export const sendMessage = (leadId: string, body: { channel: MessageChannel; templateId?: string; subject?: string; body?: string; idempotencyKey: string }) =>
  apiFetch<Message>(`/api/leads/${leadId}/messages`, { method: "POST", body });

export const listMessages = (status?: MessageStatus, limit = 100) =>
  apiFetch<{ items: Message[] }>(`/api/messages?${new URLSearchParams({ ...(status ? { status } : {}), limit: String(limit) })}`).then((r) => r.items);
