import { zodResolver } from "@hookform/resolvers/zod";
import { ChevronDown, CircleDot, Mail, Sparkles, Tag, Trash2, UserRound, Workflow, X } from "lucide-react";
import { useEffect, useId, useState, type ReactNode, type Ref } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { bulkLeadsRequestSchema, type Lead } from "@/domain/leads";
import type { Member } from "@/domain/orgs";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { useSession } from "@/lib/session";
import { BulkMessageDialog } from "@/features/messaging/BulkMessageDialog";
import { RunWorkflowDialog } from "@/features/workflows/RunWorkflowDialog";
import { Button } from "@/ui/Button";
import { Dialog, DialogClose, DialogContent } from "@/ui/Dialog";
import { Field } from "@/ui/Field";
import { Input } from "@/ui/Input";
import { leadCount, type BulkAction } from "./bulkActions";
import { listAssignableMembers } from "./leadsApi";
import { LEAD_STATUS_OPTIONS } from "./leadStatus";
import { Menu, MenuContent, MenuItem, MenuLabel, MenuSeparator, MenuTrigger } from "@/ui/Menu";

type MembersState = { status: "loading" | "ready"; members: Member[] } | { status: "error"; members: Member[]; error: string };

/** The org's staff, who leads can be assigned to. */
function useAssignableMembers(): MembersState {
  const [state, setState] = useState<MembersState>({ status: "loading", members: [] });
  useEffect(() => {
    const controller = new AbortController();
    listAssignableMembers(controller.signal).then(
      (members) => setState({ status: "ready", members }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: "error", members: [], error: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, []);
  return state;
}

const memberName = (m: Member) => m.fullName || m.email;

export interface BulkActionBarProps {
  /** The selected leads, in list order. */
  selected: Lead[];
  pending: boolean;
  onAction: (action: BulkAction, options?: { assigneeName?: string }) => Promise<boolean>;
  onClear: () => void;
  ref?: Ref<HTMLElement>;
}

/** Shown while leads are selected: assign, change status, tag, untag or delete them all at once. */
export function BulkActionBar({ selected, pending, onAction, onClear, ref }: BulkActionBarProps) {
  const ids = selected.map((l) => l.id);
  const [messaging, setMessaging] = useState(false);
  const [runningWorkflow, setRunningWorkflow] = useState(false);
  const members = useAssignableMembers();
  const me = useSession((s) => s.user?.id);
  const [tagsMode, setTagsMode] = useState<"tag" | "untag" | null>(null);

  const trigger = (label: string, icon: ReactNode) => (
    <MenuTrigger asChild disabled={pending}>
      <Button variant="secondary" size="sm">
        {icon}
        {label}
        <ChevronDown className="size-3.5 text-zinc-400" aria-hidden="true" />
      </Button>
    </MenuTrigger>
  );

  return (
    <section
      ref={ref}
      aria-label="Bulk actions"
      className="sticky bottom-4 z-20 mx-auto mt-4 flex w-fit max-w-full flex-wrap items-center gap-2 rounded-lg border border-zinc-200 bg-white px-3 py-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      <p role="status" className="mr-1 text-sm font-medium whitespace-nowrap text-zinc-900 tabular-nums dark:text-zinc-50">
        {selected.length.toLocaleString("en-US")} selected
      </p>

      <Menu>
        {trigger("Assign", <UserRound className="size-4" aria-hidden="true" />)}
        <MenuContent align="start" side="top">
          <MenuItem onSelect={() => void onAction({ action: "assign", ids, assigneeId: null })}>Unassign</MenuItem>
          <MenuSeparator />
          <MenuLabel>Assign to</MenuLabel>
          {members.status === "loading" && <MenuItem disabled>Loading the team…</MenuItem>}
          {members.status === "error" && <MenuItem disabled>Couldn't load the team: {members.error}</MenuItem>}
          {members.members.map((m) => (
            <MenuItem key={m.userId} onSelect={() => void onAction({ action: "assign", ids, assigneeId: m.userId }, { assigneeName: memberName(m) })}>
              <span className="flex-1 truncate">{memberName(m)}</span>
              {m.userId === me && <span className="text-xs text-zinc-500 dark:text-zinc-400">you</span>}
            </MenuItem>
          ))}
        </MenuContent>
      </Menu>

      <Menu>
        {trigger("Status", <CircleDot className="size-4" aria-hidden="true" />)}
        <MenuContent align="start" side="top">
          <MenuLabel>Change status to</MenuLabel>
          {LEAD_STATUS_OPTIONS.map(({ value, label }) => (
            <MenuItem key={value} onSelect={() => void onAction({ action: "status", ids, status: value })}>
              {label}
            </MenuItem>
          ))}
        </MenuContent>
      </Menu>

      <Menu>
        {trigger("Tags", <Tag className="size-4" aria-hidden="true" />)}
        <MenuContent align="start" side="top">
          <MenuItem onSelect={() => setTagsMode("tag")}>Add tag…</MenuItem>
          <MenuItem onSelect={() => setTagsMode("untag")}>Remove tag…</MenuItem>
        </MenuContent>
      </Menu>

      <Button variant="ghost" size="sm" disabled={pending} onClick={() => setMessaging(true)}>
        <Mail className="size-4" aria-hidden="true" />
        Message…
      </Button>
      <BulkMessageDialog leadIds={ids} open={messaging} onOpenChange={setMessaging} />

      <Button variant="ghost" size="sm" disabled={pending} onClick={() => setRunningWorkflow(true)}>
        <Workflow className="size-4" aria-hidden="true" />
        Run workflow…
      </Button>
      <RunWorkflowDialog leadIds={ids} open={runningWorkflow} onOpenChange={setRunningWorkflow} />

      <Button variant="ghost" size="sm" disabled={pending} onClick={() => void onAction({ action: "enrich", ids })}>
        <Sparkles className="size-4" aria-hidden="true" />
        Enrich
      </Button>

      <Button
        variant="ghost"
        size="sm"
        disabled={pending}
        onClick={() => void onAction({ action: "delete", ids })}
        className="text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/40"
      >
        <Trash2 className="size-4" aria-hidden="true" />
        Delete
      </Button>

      <Button variant="ghost" size="sm" onClick={onClear} aria-label="Clear selection" title="Clear selection">
        <X className="size-4" aria-hidden="true" />
      </Button>

      <TagsDialog
        mode={tagsMode}
        selected={selected}
        onClose={() => setTagsMode(null)}
        onSubmit={async (mode, tags) => {
          if (await onAction({ action: mode, ids, tags })) setTagsMode(null);
        }}
      />
    </section>
  );
}

// ——— Tags ————————————————————————————————————————————————————————————————————

/** The API's rules for the tags of a bulk tag/untag, on a comma-separated text box. */
const bulkTagsRule = bulkLeadsRequestSchema.options[2].shape.tags; // the "tag" action

const tagsFormSchema = z.object({
  tags: z
    .string()
    .transform((text) => text.split(",").map((t) => t.trim()).filter(Boolean))
    .pipe(bulkTagsRule),
});
type TagsFormValues = z.input<typeof tagsFormSchema>;
type TagsFormOutput = z.output<typeof tagsFormSchema>;

function TagsDialog({
  mode,
  selected,
  onClose,
  onSubmit,
}: {
  mode: "tag" | "untag" | null;
  selected: Lead[];
  onClose: () => void;
  onSubmit: (mode: "tag" | "untag", tags: string[]) => Promise<void>;
}) {
  const open = mode !== null;
  const adding = mode !== "untag";
  const {
    register,
    handleSubmit,
    reset,
    setValue,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<TagsFormValues, unknown, TagsFormOutput>({ resolver: zodResolver(tagsFormSchema), defaultValues: { tags: "" } });
  const hintId = useId();

  useEffect(() => {
    if (open) reset({ tags: "" });
  }, [open, reset]);

  // Removing: offer the tags the selected leads have.
  const present = adding ? [] : [...new Set(selected.flatMap((l) => l.tags))].sort().slice(0, 30);
  const addTag = (tag: string) => {
    const current = getValues("tags").split(",").map((t) => t.trim()).filter(Boolean);
    if (!current.includes(tag)) setValue("tags", [...current, tag].join(", "), { shouldValidate: false });
  };

  const count = leadCount(selected.length);
  return (
    <Dialog open={open} onOpenChange={(next) => !next && onClose()}>
      <DialogContent
        title={adding ? "Add tags" : "Remove tags"}
        description={adding ? `Tag the ${count} you selected.` : `Take tags off the ${count} you selected.`}
      >
        <form noValidate onSubmit={handleSubmit(({ tags }) => onSubmit(adding ? "tag" : "untag", tags))} className="space-y-4">
          <Field label="Tags" error={errors.tags?.message} hint="Comma-separated, e.g. hot, probate.">
            {(control) => <Input {...control} autoComplete="off" autoFocus placeholder="hot, probate" {...register("tags")} />}
          </Field>
          {present.length > 0 && (
            <div className="space-y-1.5">
              <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
                Tags on the selected leads:
              </p>
              <ul aria-labelledby={hintId} className="flex flex-wrap gap-1.5">
                {present.map((tag) => (
                  <li key={tag}>
                    <button
                      type="button"
                      onClick={() => addTag(tag)}
                      className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 hover:bg-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:hover:bg-zinc-700"
                    >
                      {tag}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="ghost">Cancel</Button>
            </DialogClose>
            <Button type="submit" loading={isSubmitting}>
              {adding ? "Add tags" : "Remove tags"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
