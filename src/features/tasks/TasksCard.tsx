import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { Member } from "@/domain/orgs";
import type { Task } from "@/domain/leadWork";
import { formatDate } from "@/lib/format";
import { applyServerErrors } from "@/lib/serverErrors";
import { cn } from "@/lib/cn";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Field, FormError } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { createTask, listTasks, updateTask, type TaskSubject } from "./tasksApi";
import { dueState, localInputToIso } from "./taskDue";

const newTaskSchema = z.object({
  title: z.string().trim().min(1, { error: "is required" }).max(200, { error: "must be at most 200 characters" }),
  due: z.string().refine((v) => v === "" || localInputToIso(v) !== null, { error: "must be a date and time" }),
  assigneeId: z.string(),
});
type NewTask = z.infer<typeof newTaskSchema>;

const DUE_STYLES = { overdue: "text-red-600 dark:text-red-400 font-medium", today: "text-amber-600 dark:text-amber-400", later: "text-zinc-500" } as const;

/** A lead's or a deal's tasks: open ones first by due date, overdue ones in red; add one, tick one off. */
export function TasksCard({ subject, members, onChanged }: { subject: TaskSubject; members: Member[]; onChanged: () => void }) {
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const { kind, id } = subject;
  const reload = useCallback(() => listTasks({ kind, id }).then(setTasks, () => toast({ title: "Couldn't load the tasks", variant: "error" })), [kind, id]);
  useEffect(() => void reload(), [reload]);

  const complete = async (task: Task) => {
    setTasks((ts) => ts?.map((t) => (t.id === task.id ? { ...t, status: "done" } : t)) ?? null); // optimistic
    try {
      await updateTask(task.id, { status: "done" });
      onChanged();
    } catch {
      toast({ title: "Couldn't complete the task", variant: "error" });
    }
    void reload();
  };

  const nameOf = (id: string | null) => (id ? (members.find((m) => m.userId === id)?.fullName ?? members.find((m) => m.userId === id)?.email ?? "someone") : null);
  const open = tasks?.filter((t) => t.status === "open") ?? [];
  const done = tasks?.filter((t) => t.status !== "open") ?? [];

  return (
    <Card>
      <CardHeader><h2 className="font-medium">Tasks</h2></CardHeader>
      <CardBody className="space-y-4">
        {tasks === null ? (
          <p className="text-sm text-zinc-500">Loading…</p>
        ) : (
          <ul className="space-y-2" aria-label="Tasks">
            {open.length === 0 && <li className="text-sm text-zinc-500">No open tasks.</li>}
            {[...open, ...done].map((task) => {
              const state = dueState(task);
              return (
                <li key={task.id} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-0.5 size-4"
                    checked={task.status !== "open"}
                    disabled={task.status !== "open"}
                    onChange={() => void complete(task)}
                    aria-label={`Complete task: ${task.title}`}
                  />
                  <div>
                    <p className={cn(task.status !== "open" && "text-zinc-400 line-through")}>{task.title}</p>
                    <p className={cn("text-xs", state ? DUE_STYLES[state] : "text-zinc-500")}>
                      {[task.dueAt && `${state === "overdue" ? "Overdue · " : "Due "}${formatDate(task.dueAt)}`, nameOf(task.assigneeId)].filter(Boolean).join(" · ")}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <NewTaskForm subject={subject} members={members} onCreated={(task) => { setTasks((ts) => [task, ...(ts ?? [])]); onChanged(); }} />
      </CardBody>
    </Card>
  );
}

function NewTaskForm({ subject, members, onCreated }: { subject: TaskSubject; members: Member[]; onCreated: (task: Task) => void }) {
  const { register, handleSubmit, reset, setError, formState: { errors, isSubmitting } } = useForm<NewTask>({
    resolver: zodResolver(newTaskSchema),
    defaultValues: { title: "", due: "", assigneeId: "" },
  });
  const onSubmit = handleSubmit(async ({ title, due, assigneeId }) => {
    try {
      onCreated(await createTask(subject, { title, dueAt: localInputToIso(due), ...(assigneeId ? { assigneeId } : {}) }));
      reset();
    } catch (error) {
      applyServerErrors(error, setError, ["title"]);
    }
  });
  return (
    <form onSubmit={onSubmit} className="space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800" noValidate aria-label="New task">
      <FormError message={errors.root?.server?.message} />
      <Field label="New task" error={errors.title?.message}>{(c) => <Input {...c} {...register("title")} placeholder="Call back about the roof" />}</Field>
      <div className="grid grid-cols-2 gap-2">
        <Field label="Due" error={errors.due?.message}>{(c) => <Input {...c} type="datetime-local" {...register("due")} />}</Field>
        <Field label="For">
          {(c) => (
            <Select {...c} {...register("assigneeId")}>
              <option value="">Me</option>
              {members.filter((m) => m.role !== "investor").map((m) => <option key={m.userId} value={m.userId}>{m.fullName || m.email}</option>)}
            </Select>
          )}
        </Field>
      </div>
      <Button type="submit" size="sm" loading={isSubmitting}>Add task</Button>
    </form>
  );
}
