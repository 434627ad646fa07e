import { z } from "zod";
import { orgRoleSchema } from "./roles";

export const emailSchema = z
  .string({ error: "is required" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "must be a valid email address" }));

export const passwordSchema = z
  .string({ error: "is required" })
  .min(8, { error: "must be at least 8 characters" })
  .max(200, { error: "must be at most 200 characters" });

export const signUpRequestSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  orgName: z.string({ error: "is required" }).trim().min(2, { error: "must be at least 2 characters" }).max(120),
});
export type SignUpRequest = z.infer<typeof signUpRequestSchema>;

export const signInRequestSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "is required" }).min(1, { error: "is required" }),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const refreshRequestSchema = z.object({
  refreshToken: z.string({ error: "is required" }).min(20, { error: "is not a valid refresh token" }),
});

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  fullName: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const membershipSchema = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  role: orgRoleSchema,
});
export type Membership = z.infer<typeof membershipSchema>;

export const sessionSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number(),
  user: userSchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const meResponseSchema = z.object({
  user: userSchema,
  memberships: z.array(membershipSchema),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
