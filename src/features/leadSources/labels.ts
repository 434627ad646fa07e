import { LEAD_SOURCE_TYPES, MAPPING_TARGETS, WEBHOOK_EVENT_STATUSES, type LeadSourceType } from "@/domain/leadSources";
import type { WebhookEventStatus } from "./leadSourcesApi";

export type MappingTarget = (typeof MAPPING_TARGETS)[number];

export const LEAD_SOURCE_TYPE_LABELS: Record<LeadSourceType, string> = {
  generic: "Generic JSON",
  zapier: "Zapier",
  facebook: "Facebook Lead Ads",
  custom: "Custom mapping",
};

export const LEAD_SOURCE_TYPE_HINTS: Record<LeadSourceType, string> = {
  generic: "Fields are matched by common names (firstName, email, phone, address…).",
  zapier: "For a Zapier “Webhooks by Zapier” POST step; fields are matched by common names.",
  facebook: "Facebook Lead Ads leadgen payloads (field_data), including ad and form ids.",
  custom: "Say where each lead field is in your payload; unmapped fields are matched by common names.",
};

export const LEAD_SOURCE_TYPE_OPTIONS = LEAD_SOURCE_TYPES.map((value) => ({ value, label: LEAD_SOURCE_TYPE_LABELS[value] }));

export const MAPPING_TARGET_LABELS: Record<MappingTarget, string> = {
  firstName: "First name",
  lastName: "Last name",
  fullName: "Full name",
  email: "Email",
  phone: "Phone",
  source: "Source",
  notes: "Notes",
  tags: "Tags",
  street: "Street",
  city: "City",
  state: "State",
  zip: "ZIP",
  addressLine: "Full address",
  eventId: "Event id (deduplication)",
};

export const MAPPING_TARGET_OPTIONS = MAPPING_TARGETS.map((value) => ({ value, label: MAPPING_TARGET_LABELS[value] }));

export const DELIVERY_STATUS_LABELS: Record<WebhookEventStatus, string> = {
  accepted: "Accepted",
  duplicate: "Duplicate",
  rejected: "Rejected",
  failed: "Failed",
};

export const DELIVERY_STATUS_OPTIONS = WEBHOOK_EVENT_STATUSES.map((value) => ({ value, label: DELIVERY_STATUS_LABELS[value] }));
