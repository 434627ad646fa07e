import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { Task } from "@/domain/leadWork";
import type { Member } from "@/domain/orgs";
import { errorMessage } from "@/lib/apiError";
import { cn } from "@/lib/cn";
import { formatDate } from "@/lib/format";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Field, FormError } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { completeTask, createTask, listTasks } from "./opportunityApi";

const isOverdue = (t: Task) => t.status === "open" && t.dueAt !== null && Date.parse(t.dueAt) < Date.now();

/** The deal's tasks: open first, overdue in red; add one (title, due, for whom), tick one off. */
export function TasksCard({ opportunityId, members, onChanged }: { opportunityId: string; members: Member[]; onChanged: () => void }) {
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const [assigneeId, setAssigneeId] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const reload = useCallback(() => listTasks(opportunityId).then(setTasks, () => toast({ title: "Couldn't load the tasks", variant: "error" })), [opportunityId]);
  useEffect(() => void reload(), [reload]);

  const complete = async (task: Task) => {
    setTasks((ts) => ts?.map((t) => (t.id === task.id ? { ...t, status: "done" } : t)) ?? null);
    try {
      await completeTask(task.id);
      onChanged();
    } catch {
      toast({ title: "Couldn't complete the task", variant: "error" });
    }
    void reload();
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setError("Give the task a title");
    const dueAt = due ? new Date(due) : null;
    if (dueAt && Number.isNaN(dueAt.getTime())) return setError("The due date is not a date");
    setSaving(true);
    setError(undefined);
    try {
      const task = await createTask(opportunityId, { title: title.trim(), ...(dueAt ? { dueAt: dueAt.toISOString() } : {}), ...(assigneeId ? { assigneeId } : {}) });
      setTasks((ts) => [task, ...(ts ?? [])]);
      setTitle("");
      setDue("");
      setAssigneeId("");
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const nameOf = (id: string | null) => (id ? (members.find((m) => m.userId === id)?.fullName || members.find((m) => m.userId === id)?.email || "someone") : null);
  const open = tasks?.filter((t) => t.status === "open") ?? [];
  const closed = tasks?.filter((t) => t.status !== "open") ?? [];

  return (
    <Card>
      <CardHeader><h2 className="font-medium">Tasks</h2></CardHeader>
      <CardBody className="space-y-4">
        {tasks === null ? (
          <p className="text-sm text-zinc-500">Loading…</p>
        ) : (
          <ul className="space-y-2" aria-label="Tasks">
            {open.length === 0 && <li className="text-sm text-zinc-500">No open tasks.</li>}
            {[...open, ...closed].map((task) => (
              <li key={task.id} className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-0.5 size-4" checked={task.status !== "open"} disabled={task.status !== "open"} onChange={() => void complete(task)} aria-label={`Complete task: ${task.title}`} />
                <div>
                  <p className={cn(task.status !== "open" && "text-zinc-400 line-through")}>{task.title}</p>
                  <p className={cn("text-xs text-zinc-500", isOverdue(task) && "font-medium text-red-600 dark:text-red-400")}>
                    {[task.dueAt && `${isOverdue(task) ? "Overdue · " : "Due "}${formatDate(task.dueAt)}`, nameOf(task.assigneeId)].filter(Boolean).join(" · ")}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={add} className="space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800" noValidate aria-label="New task">
          <FormError message={error} />
          <Field label="New task">{(c) => <Input {...c} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Order the inspection" />}</Field>
          <div className="grid grid-cols-2 gap-2">
            <Field label="Due">{(c) => <Input {...c} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />}</Field>
            <Field label="For">
              {(c) => (
                <Select {...c} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
                  <option value="">Me</option>
                  {members.filter((m) => m.role !== "investor").map((m) => <option key={m.userId} value={m.userId}>{m.fullName || m.email}</option>)}
                </Select>
              )}
            </Field>
          </div>
          <Button type="submit" size="sm" loading={saving}>Add task</Button>
        </form>
      </CardBody>
    </Card>
  );
}
