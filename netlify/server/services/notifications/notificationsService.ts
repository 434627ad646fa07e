import type { Notification, NotificationsResponse } from "../../../../src/domain/notifications";
import type { Tx } from "../../db/transactions";
import { notFound } from "../../http/errors";
import { isUuid } from "../../http/ids";

const toNotification = (r: { id: string; type: string; title: string; body: string | null; link: string | null; readAt: Date | string | null; createdAt: Date }): Notification => ({
  id: r.id,
  type: r.type,
  title: r.title,
  body: r.body,
  link: r.link,
  readAt: r.readAt === null ? null : new Date(r.readAt).toISOString(),
  createdAt: new Date(r.createdAt).toISOString(),
});

/** The caller's latest notifications in the active org (RLS: only their own), with the unread count. */
export async function listNotifications(tx: Tx, orgId: string, userId: string, limit = 20): Promise<NotificationsResponse> {
  const [rows, unread] = await Promise.all([
    tx.selectFrom("notifications").select(["id", "type", "title", "body", "link", "readAt", "createdAt"]).where("orgId", "=", orgId).where("userId", "=", userId).orderBy("createdAt", "desc").limit(limit).execute(),
    tx.selectFrom("notifications").select((eb) => eb.fn.countAll<string>().as("n")).where("orgId", "=", orgId).where("userId", "=", userId).where("readAt", "is", null).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toNotification), unread: Number(unread.n) };
}

/** Marks one notification read (404 for anyone else's), or all of the caller's with id "all". */
export async function markRead(tx: Tx, orgId: string, userId: string, id: string): Promise<void> {
  let q = tx.updateTable("notifications").set({ readAt: new Date() }).where("orgId", "=", orgId).where("userId", "=", userId).where("readAt", "is", null);
  if (id !== "all") {
    if (!isUuid(id)) throw notFound("Notification");
    q = q.where("id", "=", id);
    const exists = await tx.selectFrom("notifications").select("id").where("orgId", "=", orgId).where("userId", "=", userId).where("id", "=", id).executeTakeFirst();
    if (!exists) throw notFound("Notification");
  }
  await q.execute();
}
