import type { NotificationsResponse } from "@/domain/notifications";
import { apiFetch } from "@/lib/api";

export const listNotifications = (signal?: AbortSignal) => apiFetch<NotificationsResponse>("/api/notifications", { signal });
export const markNotificationRead = (id: string | "all") => apiFetch<void>(`/api/notifications/${id}/read`, { method: "POST" });
