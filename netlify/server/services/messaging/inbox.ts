import type { InboxReply } from "../../../../src/domain/messaging";
import type { Tx } from "../../db/transactions";

/** The org's inbound texts (message.received on leads' timelines), newest first — the inbox of two-way SMS. */
export async function listInbox(tx: Tx, orgId: string, limit = 100): Promise<InboxReply[]> {
  const rows = await tx
    .selectFrom("activities as a")
    .innerJoin("leads as l", "l.id", "a.leadId")
    .select(["a.id", "a.leadId", "l.firstName", "l.lastName", "l.phone", "a.body", "a.data", "a.occurredAt"])
    .where("a.orgId", "=", orgId)
    .where("a.type", "=", "message.received")
    .where("l.deletedAt", "is", null)
    .orderBy("a.occurredAt", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const data = (r.data ?? {}) as { from?: string; keyword?: string | null };
    return {
      id: r.id,
      leadId: r.leadId!,
      leadName: [r.firstName, r.lastName].filter(Boolean).join(" ") || r.phone || "Unnamed lead",
      from: data.from ?? null,
      body: r.body,
      keyword: data.keyword ?? null,
      receivedAt: new Date(r.occurredAt).toISOString(),
    };
  });
}
