import { z } from "zod";

const zipList = z.array(z.string().trim().regex(/^\d{5}$/, { error: "must be 5-digit ZIP codes" })).max(500);
const sourceList = z.array(z.string().trim().min(1).max(100)).max(50);

export const createAssignmentRuleRequestSchema = z
  .object({
    name: z.string({ error: "is required" }).trim().min(1, { error: "is required" }).max(120),
    agentIds: z.array(z.uuid({ error: "must be user ids" })).min(1, { error: "needs at least one agent" }).max(100),
    sources: sourceList.default([]),
    zips: zipList.default([]),
    enabled: z.boolean().default(true),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();

export const updateAssignmentRuleRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    agentIds: z.array(z.uuid({ error: "must be user ids" })).min(1, { error: "needs at least one agent" }).max(100).optional(),
    sources: sourceList.optional(),
    zips: zipList.optional(),
    enabled: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "nothing to update", path: ["body"] });

export interface AssignmentRule {
  id: string;
  name: string;
  agentIds: string[];
  sources: string[];
  zips: string[];
  enabled: boolean;
  position: number;
  createdAt: string;
}

export const updateOrgRequestSchema = z
  .object({
    name: z.string().trim().min(2).max(120).optional(),
    timeZone: z.string().trim().min(1).max(64).optional(),
    agentsSeeAssignedOnly: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "nothing to update", path: ["body"] });

export interface OrgSettings {
  id: string;
  name: string;
  timeZone: string;
  agentsSeeAssignedOnly: boolean;
}
