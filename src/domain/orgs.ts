import { z } from "zod";
import { emailSchema } from "./auth";
import { orgRoleSchema } from "./roles";

export const createOrgRequestSchema = z.object({
  name: z.string({ error: "is required" }).trim().min(2, { error: "must be at least 2 characters" }).max(120),
});

export const addMemberRequestSchema = z.object({
  email: emailSchema,
  role: orgRoleSchema,
});
export type AddMemberRequest = z.infer<typeof addMemberRequestSchema>;

export const updateMemberRequestSchema = z.object({ role: orgRoleSchema });

export const memberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  fullName: z.string().nullable(),
  role: orgRoleSchema,
  createdAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;
