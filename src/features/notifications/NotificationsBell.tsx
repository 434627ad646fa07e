import { useNavigate } from "@tanstack/react-router";
import { Bell } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import type { NotificationsResponse } from "@/domain/notifications";
import { useActiveMembership } from "@/features/orgs/useActiveMembership";
import { formatDate } from "@/lib/format";
import { isAbortError } from "@/lib/http";
import { Menu, MenuContent, MenuItem, MenuTrigger } from "@/ui/Menu";
import { listNotifications, markNotificationRead } from "./notificationsApi";

const POLL_MS = 60_000;

/** The member's notifications (an investor answered a deal, …): a count on the bell, the list in a menu. */
export function NotificationsBell() {
  const membership = useActiveMembership();
  const orgId = membership?.orgId;
  const navigate = useNavigate();
  const [data, setData] = useState<NotificationsResponse>({ items: [], unread: 0 });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (!orgId) return;
    const controller = new AbortController();
    listNotifications(controller.signal).then(setData, (err: unknown) => {
      if (!isAbortError(err)) setData((d) => d); // keep what we had; the next poll tries again
    });
    return () => controller.abort();
  }, [orgId, tick]);

  useEffect(() => {
    const timer = setInterval(refresh, POLL_MS);
    window.addEventListener("focus", refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", refresh);
    };
  }, [refresh]);

  if (!orgId) return null;
  const label = data.unread ? `Notifications, ${data.unread} unread` : "Notifications";
  return (
    <Menu onOpenChange={(open) => open && refresh()}>
      <MenuTrigger
        aria-label={label}
        title={label}
        className="relative rounded-md p-2 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        <Bell className="size-4" aria-hidden="true" />
        {data.unread > 0 && (
          <span aria-hidden="true" className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white">
            {data.unread > 9 ? "9+" : data.unread}
          </span>
        )}
      </MenuTrigger>
      <MenuContent align="start" side="top" className="w-80">
        {data.items.length === 0 ? (
          <p className="px-2 py-3 text-sm text-zinc-500">No notifications yet.</p>
        ) : (
          data.items.map((n) => (
            <MenuItem
              key={n.id}
              className="flex-col items-start gap-0.5"
              onSelect={() => {
                void markNotificationRead(n.id).then(refresh, refresh);
                if (n.link) void navigate({ to: n.link });
              }}
            >
              <span className={n.readAt ? "text-zinc-600 dark:text-zinc-400" : "font-medium"}>{n.title}</span>
              {n.body && <span className="line-clamp-2 text-xs text-zinc-500">“{n.body}”</span>}
              <span className="text-xs text-zinc-400">{formatDate(n.createdAt)}</span>
            </MenuItem>
          ))
        )}
        {data.unread > 0 && (
          <MenuItem className="justify-center text-accent-700 dark:text-accent-300" onSelect={() => void markNotificationRead("all").then(refresh, refresh)}>
            Mark all read
          </MenuItem>
        )}
      </MenuContent>
    </Menu>
  );
}
