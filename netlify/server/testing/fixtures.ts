import { randomBytes } from "node:crypto";
import { api } from "./apiClient";

export interface SignedUp {
  token: string;
  refreshToken: string;
  userId: string;
  orgId: string;
  email: string;
}

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomBytes(5).toString("hex")}@example.test`;

export async function signUp(orgName = "Acme Investments", email = uniqueEmail("owner")): Promise<SignedUp> {
  const res = await api("POST", "/api/auth/signup", { body: { email, password: "correct-horse-battery", orgName } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.accessToken, refreshToken: res.body.refreshToken, userId: res.body.user.id, orgId: res.body.org.id, email };
}

/** A user with no org of their own yet (signs up into a throwaway org, then is added elsewhere by the caller). */
export async function signIn(email: string, password = "correct-horse-battery") {
  const res = await api("POST", "/api/auth/token", { body: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { accessToken: string; refreshToken: string; user: { id: string } };
}

export async function createLead(token: string, orgId: string, body: Record<string, unknown> = {}) {
  const res = await api("POST", "/api/leads", { token, orgId, body: { firstName: "Pat", lastName: "Seller", email: uniqueEmail("lead"), ...body } });
  if (res.status !== 201) throw new Error(`create lead failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}
