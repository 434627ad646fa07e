import type { Task, TASK_STATUSES } from "@/domain/leadWork";
import { apiFetch } from "@/lib/api";

/** What tasks belong to: a lead or a deal (the API serves both the same way). */
export type TaskSubject = { kind: "lead" | "opportunity"; id: string };

const base = (s: TaskSubject) => `/api/${s.kind === "lead" ? "leads" : "opportunities"}/${s.id}/tasks`;

export const listTasks = (subject: TaskSubject) => apiFetch<{ items: Task[] }>(base(subject)).then((r) => r.items);
export const createTask = (subject: TaskSubject, input: { title: string; dueAt?: string | null; assigneeId?: string | null }) =>
  apiFetch<Task>(base(subject), { method: "POST", body: input });
export const updateTask = (taskId: string, patch: { status?: (typeof TASK_STATUSES)[number]; title?: string; dueAt?: string | null }) =>
  apiFetch<Task>(`/api/tasks/${taskId}`, { method: "PATCH", body: patch });
