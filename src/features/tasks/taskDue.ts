import type { Task } from "@/domain/leadWork";

/** "overdue", "today" or "later" for an open task with a due date; null when it has none or is closed. */
export function dueState(task: Pick<Task, "status" | "dueAt">, now: Date = new Date()): "overdue" | "today" | "later" | null {
  if (task.status !== "open" || !task.dueAt) return null;
  const due = new Date(task.dueAt);
  if (due.getTime() < now.getTime()) return "overdue";
  const sameDay = due.getFullYear() === now.getFullYear() && due.getMonth() === now.getMonth() && due.getDate() === now.getDate();
  return sameDay ? "today" : "later";
}

/** A `datetime-local` input's value (local time, no zone) as an ISO instant; empty → null. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
