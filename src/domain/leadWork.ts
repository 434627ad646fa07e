import { z } from "zod";

/** A timeline entry of a lead: created, touched, field changes, notes, status changes, conversions, merges. */
export interface Activity {
  id: string;
  type: string;
  body: string | null;
  data: Record<string, unknown>;
  actorId: string | null;
  actorName: string | null;
  occurredAt: string;
}

export const createNoteRequestSchema = z
  .object({ body: z.string({ error: "is required" }).trim().min(1, { error: "is required" }).max(10_000, { error: "must be at most 10,000 characters" }) })
  .strict();

export const TASK_STATUSES = ["open", "done", "cancelled"] as const;

const dueAt = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), { error: "must be a date and time" })
  .nullable()
  .optional();

export const createTaskRequestSchema = z
  .object({
    title: z.string({ error: "is required" }).trim().min(1, { error: "is required" }).max(200),
    dueAt,
    assigneeId: z.uuid({ error: "must be a user id" }).nullable().optional(),
  })
  .strict();

export const updateTaskRequestSchema = z
  .object({
    title: z.string().trim().min(1, { error: "is required" }).max(200).optional(),
    dueAt,
    assigneeId: z.uuid({ error: "must be a user id" }).nullable().optional(),
    status: z.enum(TASK_STATUSES).optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "nothing to update", path: ["body"] });

export interface Task {
  id: string;
  title: string;
  status: (typeof TASK_STATUSES)[number];
  dueAt: string | null;
  assigneeId: string | null;
  leadId: string | null;
  opportunityId: string | null;
  completedAt: string | null;
  createdAt: string;
}

export const convertLeadRequestSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    value: z.number({ error: "must be a number" }).min(0, { error: "must not be negative" }).max(1e12).optional(),
  })
  .strict();

/** Fields whose surviving value is chosen when two leads are merged. */
export const MERGE_FIELDS = ["firstName", "lastName", "email", "phone", "source", "status", "assigneeId", "notes", "address"] as const;

export const mergeLeadsRequestSchema = z
  .object({
    /** The lead merged into this one; it is deleted, its history moves here. */
    otherId: z.uuid({ error: "must be a lead id" }),
    /** For each field, whose value survives: "this" (default) or "other". */
    keep: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(["this", "other"])).default({}),
  })
  .strict();
