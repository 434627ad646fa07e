import { zodResolver } from "@hookform/resolvers/zod";
import { Bookmark, Check, ChevronDown, Plus, Trash2, Users } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { createSavedViewRequestSchema, type SavedView } from "@/domain/leads";
import { useActiveMembership } from "@/features/orgs/useActiveMembership";
import { errorMessage } from "@/lib/apiError";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Dialog, DialogClose, DialogContent } from "@/ui/Dialog";
import { Field, FormError } from "@/ui/Field";
import { Input } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import type { LeadsSearchUpdate } from "./LeadsFilters";
import { SORT_OPTIONS, type LeadsSearch } from "./leadsSearch";
import { LEAD_STATUS_LABELS } from "./leadStatus";
import { Menu, MenuContent, MenuGroup, MenuItem, MenuLabel, MenuSeparator, MenuTrigger } from "@/ui/Menu";
import { activeView, canDeleteView, searchOfView, useSavedViews, viewQueryOf } from "./savedViews";

/**
 * Saved views: pick one to load its filters and sort into the URL (which stays the source of truth), save the
 * current ones under a name (for yourself or the whole org), delete the view on screen if you may.
 */
export function SavedViewsMenu({ search, onSearchChange }: { search: LeadsSearch; onSearchChange: LeadsSearchUpdate }) {
  const views = useSavedViews();
  const role = useActiveMembership()?.role;
  const [saving, setSaving] = useState(false);
  const active = activeView(views.views, search);
  const personal = views.views.filter((v) => !v.shared);
  const shared = views.views.filter((v) => v.shared);

  const apply = (view: SavedView) => onSearchChange(() => searchOfView(view));

  async function remove(view: SavedView) {
    try {
      await views.remove(view.id);
      toast({ title: "View deleted", description: view.name, variant: "success" });
    } catch (error) {
      toast({ title: "Couldn't delete the view", description: errorMessage(error), variant: "error" });
    }
  }

  const item = (view: SavedView) => (
    <MenuItem key={view.id} onSelect={() => apply(view)} aria-current={view === active ? "true" : undefined}>
      <span className="grid size-4 shrink-0 place-items-center">
        {view === active && <Check className="size-4 text-accent-600" aria-hidden="true" />}
      </span>
      <span className="flex-1 truncate">{view.name}</span>
      {view.shared && view.mine && <span className="text-xs text-zinc-500 dark:text-zinc-400">yours</span>}
    </MenuItem>
  );

  return (
    <>
      <Menu>
        <MenuTrigger asChild>
          <Button variant="secondary" size="sm" aria-label={active ? `Saved views (current: ${active.name})` : "Saved views"}>
            <Bookmark className="size-4" aria-hidden="true" />
            <span className="max-w-48 truncate">{active ? active.name : "Views"}</span>
            <ChevronDown className="size-3.5 text-zinc-400" aria-hidden="true" />
          </Button>
        </MenuTrigger>
        <MenuContent align="end" className="w-72">
          {views.status === "loading" && <MenuItem disabled>Loading views…</MenuItem>}
          {views.status === "error" && (
            <MenuItem onSelect={views.retry}>Couldn't load the views ({views.error}). Retry</MenuItem>
          )}
          {views.status === "ready" && views.views.length === 0 && <MenuItem disabled>No saved views yet</MenuItem>}
          {personal.length > 0 && (
            <MenuGroup>
              <MenuLabel>
                <span className="inline-flex items-center gap-1.5">
                  <Bookmark className="size-3.5" aria-hidden="true" />
                  Personal
                </span>
              </MenuLabel>
              {personal.map(item)}
            </MenuGroup>
          )}
          {shared.length > 0 && (
            <MenuGroup>
              <MenuLabel>
                <span className="inline-flex items-center gap-1.5">
                  <Users className="size-3.5" aria-hidden="true" />
                  Shared with the org
                </span>
              </MenuLabel>
              {shared.map(item)}
            </MenuGroup>
          )}
          <MenuSeparator />
          <MenuItem onSelect={() => setSaving(true)}>
            <Plus className="size-4" aria-hidden="true" />
            Save current view…
          </MenuItem>
          {active && canDeleteView(active, role) && (
            <MenuItem onSelect={() => void remove(active)} className="text-red-700 dark:text-red-400">
              <Trash2 className="size-4" aria-hidden="true" />
              <span className="truncate">Delete “{active.name}”</span>
            </MenuItem>
          )}
        </MenuContent>
      </Menu>
      <SaveViewDialog
        open={saving}
        onOpenChange={setSaving}
        search={search}
        onSave={async (input) => {
          const view = await views.save({ ...input, query: viewQueryOf(search) });
          setSaving(false);
          toast({ title: "View saved", description: view.shared ? `${view.name} — shared with the org` : view.name, variant: "success" });
        }}
      />
    </>
  );
}

// ——— Save dialog —————————————————————————————————————————————————————————————————

const saveViewSchema = createSavedViewRequestSchema.pick({ name: true, shared: true });
type SaveViewValues = z.input<typeof saveViewSchema>;
type SaveViewOutput = z.output<typeof saveViewSchema>;

const ASSIGNEE_LABELS: Record<string, string> = { me: "Assigned to me", unassigned: "Unassigned" };

/** The filters and sort in words, for the save dialog. */
export function describeSearch(search: LeadsSearch): string[] {
  const parts: string[] = [];
  const list = (v: string[] | undefined) => v?.join(", ");
  if (search.q) parts.push(`Search “${search.q}”`);
  if (search.status) parts.push(`Status: ${search.status.map((s) => LEAD_STATUS_LABELS[s]).join(", ")}`);
  if (search.assigneeId) parts.push(ASSIGNEE_LABELS[search.assigneeId] ?? "Assigned to a team member");
  if (search.tags) parts.push(`Tags: ${list(search.tags)}`);
  if (search.source) parts.push(`Source: ${list(search.source)}`);
  if (search.state) parts.push(`State: ${search.state}`);
  if (search.city) parts.push(`City: ${search.city}`);
  if (search.zip) parts.push(`ZIP: ${search.zip}`);
  if (search.scoreMin !== undefined) parts.push(`Score ≥ ${search.scoreMin}`);
  if (search.scoreMax !== undefined) parts.push(`Score ≤ ${search.scoreMax}`);
  if (search.createdFrom) parts.push(`Created from ${search.createdFrom}`);
  if (search.createdTo) parts.push(`Created to ${search.createdTo}`);
  const sort = SORT_OPTIONS.find((o) => o.value === (search.sort ?? "created"))?.label ?? search.sort;
  parts.push(`Sorted by ${sort}${search.order ? ` (${search.order === "asc" ? "ascending" : "descending"})` : ""}`);
  return parts;
}

function SaveViewDialog({
  open,
  onOpenChange,
  search,
  onSave,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  search: LeadsSearch;
  onSave: (input: SaveViewOutput) => Promise<void>;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Save view" description="Keep the current filters and sort under a name.">
        {/* Mounted only while open, so each opening starts empty. */}
        {open && <SaveViewForm search={search} onSave={onSave} />}
      </DialogContent>
    </Dialog>
  );
}

function SaveViewForm({ search, onSave }: { search: LeadsSearch; onSave: (input: SaveViewOutput) => Promise<void> }) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SaveViewValues, unknown, SaveViewOutput>({
    resolver: zodResolver(saveViewSchema),
    defaultValues: { name: "", shared: false },
  });

  const onSubmit = handleSubmit(async (input) => {
    try {
      await onSave(input);
    } catch (error) {
      applyServerErrors(error, setError, ["name", "shared"]);
    }
  });

  return (
    <form noValidate onSubmit={onSubmit} aria-label="Save view" className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field label="Name" error={errors.name?.message}>
        {(control) => <Input {...control} autoComplete="off" autoFocus maxLength={80} placeholder="Hot probate leads in 78704" {...register("name")} />}
      </Field>
      <label className="flex items-start gap-2.5 text-sm text-zinc-700 dark:text-zinc-300">
        <input type="checkbox" className="mt-0.5 size-4 accent-accent-600" {...register("shared")} />
        <span>
          <span className="font-medium">Share with the org</span>
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">Everyone on your team sees it under “Shared with the org”.</span>
        </span>
      </label>
      <div className="rounded-md bg-zinc-50 px-3 py-2 text-xs text-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-300">
        <p className="mb-1 font-medium text-zinc-700 dark:text-zinc-200">Saves</p>
        <ul className="list-inside list-disc space-y-0.5">
          {describeSearch(search).map((part) => (
            <li key={part}>{part}</li>
          ))}
        </ul>
      </div>
      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant="ghost">Cancel</Button>
        </DialogClose>
        <Button type="submit" loading={isSubmitting}>
          Save view
        </Button>
      </div>
    </form>
  );
}
