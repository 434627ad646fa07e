import { LEAD_STATUSES, type LeadStatus } from "@/domain/leads";

export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
  new: "New",
  contacted: "Contacted",
  qualified: "Qualified",
  nurturing: "Nurturing",
  unqualified: "Unqualified",
  converted: "Converted",
  dead: "Dead",
};

export const LEAD_STATUS_OPTIONS = LEAD_STATUSES.map((value) => ({ value, label: LEAD_STATUS_LABELS[value] }));
