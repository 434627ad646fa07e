import type { Kysely } from "kysely";
import type { MessageChannel } from "../../../../src/domain/messaging";
import { getConfig } from "../../config";
import type { Database } from "../../db/schema";
import { findDuplicate, nextAllowedSendTime, timeZoneForLead, type RecentMessage } from "./compliance";

export type Verdict =
  | { verdict: "ok"; sendAt: Date; timeZone: string }
  | { verdict: "suppressed"; reason: string }
  | { verdict: "blocked"; reason: string };

export interface Outgoing {
  channel: MessageChannel;
  to: string;
  templateId: string | null;
  bodyHash: string;
  /** When re-checking a queued message: itself, and anything queued after it, are not its duplicates. */
  self?: { id: string; createdAt: Date };
}

/**
 * Every rule, checked before a message is queued and again by the job just before it is sent: the suppression
 * list, duplicates (same template or same body to the same address within the window), then quiet hours in
 * the lead's time zone (not a refusal: the next allowed time).
 */
export async function checkCompliance(db: Kysely<Database>, orgId: string, lead: { state: string | null; zip: string | null }, m: Outgoing, now: Date, notBefore?: Date): Promise<Verdict> {
  const config = getConfig();
  const address = m.to.toLowerCase();
  const suppressed = await db
    .selectFrom("suppressionList")
    .select(["reason", "source", "createdAt"])
    .where("orgId", "=", orgId)
    .where("channel", "=", m.channel)
    .where("address", "=", address)
    .executeTakeFirst();
  if (suppressed) return { verdict: "suppressed", reason: `${address} is on the suppression list (${suppressed.reason}, from ${suppressed.source})` };

  const windowMs = config.MESSAGING_DUPLICATE_WINDOW_HOURS * 3_600_000;
  if (windowMs > 0) {
    let q = db
      .selectFrom("messages")
      .select(["id", "channel", "toAddress", "templateId", "bodyHash", "status", "createdAt"])
      .where("orgId", "=", orgId)
      .where("channel", "=", m.channel)
      .where("toAddress", "=", m.to)
      .where("createdAt", ">", new Date(now.getTime() - windowMs));
    if (m.self) q = q.where("id", "!=", m.self.id).where("createdAt", "<=", m.self.createdAt);
    const recent: RecentMessage[] = (await q.execute()).map((r) => ({ id: r.id, channel: r.channel, to: r.toAddress, templateId: r.templateId, bodyHash: r.bodyHash, status: r.status, createdAt: new Date(r.createdAt) }));
    const duplicate = findDuplicate({ channel: m.channel, to: m.to, templateId: m.templateId, bodyHash: m.bodyHash }, recent, now, windowMs);
    if (duplicate) {
      const same = m.templateId && duplicate.templateId === m.templateId ? "template" : "message";
      return { verdict: "blocked", reason: `duplicate: the same ${same} went to ${m.to} within ${config.MESSAGING_DUPLICATE_WINDOW_HOURS} h (message ${duplicate.id})` };
    }
  }

  const timeZone = timeZoneForLead(lead);
  const earliest = notBefore && notBefore > now ? notBefore : now;
  return { verdict: "ok", sendAt: nextAllowedSendTime(earliest, timeZone, { from: config.MESSAGING_SEND_FROM, until: config.MESSAGING_SEND_UNTIL }), timeZone };
}
