/** An in-app notification to one user (e.g. "Ivy Stone is interested in Sixplex on Main"). */
export interface Notification {
  id: string;
  type: string;
  title: string;
  body: string | null;
  /** Where it points in the app, e.g. /opportunities/… */
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

/** GET /api/notifications */
export interface NotificationsResponse {
  items: Notification[];
  unread: number;
}
