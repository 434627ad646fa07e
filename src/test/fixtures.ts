import type { Lead } from "@/domain/leads";
import type { User } from "@/domain/auth";

export const user: User = { id: "7d0f6a52-3c8e-4a8f-9a57-5c3e0c6d2b11", email: "agent@demo.test", fullName: "Avery Agent" };
export const orgId = "0b6c7d2e-1f3a-4b5c-8d9e-0a1b2c3d4e5f";
export const otherOrgId = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";

export function lead(overrides: Partial<Lead> = {}): Lead {
  return {
    id: "5b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    orgId,
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@example.com",
    phone: "512-555-0100",
    source: "referral",
    status: "new",
    tags: ["cash-buyer"],
    assigneeId: null,
    notes: null,
    address: { street: "1 Main St", city: "Austin", state: "TX", zip: "78701" },
    attribution: {},
    score: null,
    createdAt: "2026-03-04T15:00:00.000Z",
    updatedAt: "2026-03-04T15:00:00.000Z",
    ...overrides,
  };
}
