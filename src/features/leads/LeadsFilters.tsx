import { zodResolver } from "@hookform/resolvers/zod";
import { Search, SlidersHorizontal, X } from "lucide-react";
import { useEffect, useId, useState, type ReactNode } from "react";
import { useForm, type Path } from "react-hook-form";
import { z } from "zod";
import { listLeadsQuerySchema, type LeadStatus } from "@/domain/leads";
import { cn } from "@/lib/cn";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Field } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { activeFilterCount, MORE_FILTER_KEYS, SORT_OPTIONS, type LeadSort, type LeadsSearch } from "./leadsSearch";
import { LEAD_STATUS_OPTIONS } from "./leadStatus";

export const SEARCH_DEBOUNCE_MS = 250;

export type LeadsSearchUpdate = (update: (prev: LeadsSearch) => LeadsSearch, options?: { replace?: boolean }) => void;

/**
 * Search, status, assignee, sort and the rest of the list's filters, all kept in the URL by the caller;
 * `views` (the saved views menu) goes at the end of the status row.
 */
export function LeadsFilters({ search, onSearchChange, views }: { search: LeadsSearch; onSearchChange: LeadsSearchUpdate; views?: ReactNode }) {
  const moreCount = activeFilterCount(search, MORE_FILTER_KEYS);
  // A shared link with "more" filters opens with them on show.
  const [moreOpen, setMoreOpen] = useState(moreCount > 0);
  const panelId = useId();
  const statusLabelId = useId();
  const statuses = new Set(search.status ?? []);
  const active = activeFilterCount(search) > 0;

  const set = (patch: Partial<LeadsSearch>, options?: { replace?: boolean }) => onSearchChange((prev) => ({ ...prev, ...patch }), options);

  function toggleStatus(status: LeadStatus) {
    onSearchChange((prev) => {
      const next = new Set(prev.status ?? []);
      if (next.has(status)) next.delete(status);
      else next.add(status);
      const list = LEAD_STATUS_OPTIONS.map((o) => o.value).filter((s) => next.has(s));
      return { ...prev, status: list.length > 0 ? list : undefined };
    });
  }

  return (
    <section aria-label="Filter leads" className="mb-4 space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox value={search.q ?? ""} onCommit={(q) => onSearchChange((prev) => ({ ...prev, q: q || undefined }), { replace: true })} />
        <InlineLabel label="Assignee">
          {(id) => (
            <Select
              id={id}
              value={search.assigneeId ?? ""}
              onChange={(e) => set({ assigneeId: (e.target.value || undefined) as LeadsSearch["assigneeId"] })}
              className="w-auto min-w-32"
            >
              <option value="">Anyone</option>
              <option value="me">Me</option>
              <option value="unassigned">Unassigned</option>
              {search.assigneeId && search.assigneeId !== "me" && search.assigneeId !== "unassigned" && (
                <option value={search.assigneeId}>A team member</option>
              )}
            </Select>
          )}
        </InlineLabel>
        <InlineLabel label="Sort">
          {(id) => (
            <Select
              id={id}
              value={search.sort ?? "created"}
              onChange={(e) => {
                const sort = e.target.value as LeadSort;
                set({ sort: sort === "created" ? undefined : sort, order: undefined });
              }}
              className="w-auto min-w-40"
            >
              {SORT_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          )}
        </InlineLabel>
        <Button variant="secondary" aria-expanded={moreOpen} aria-controls={panelId} onClick={() => setMoreOpen((open) => !open)}>
          <SlidersHorizontal className="size-4" aria-hidden="true" />
          More filters
          {moreCount > 0 && (
            <>
              <span aria-hidden="true" className="rounded-full bg-accent-600 px-1.5 text-xs leading-5 font-semibold text-white">
                {moreCount}
              </span>
              <span className="sr-only">{`, ${moreCount} active`}</span>
            </>
          )}
        </Button>
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-labelledby={statusLabelId} className="flex flex-wrap items-center gap-1.5">
          <span id={statusLabelId} className="mr-1 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
            Status
          </span>
          {LEAD_STATUS_OPTIONS.map(({ value, label }) => {
            const on = statuses.has(value);
            return (
              <button
                key={value}
                type="button"
                aria-pressed={on}
                onClick={() => toggleStatus(value)}
                className={cn(
                  "rounded-full border px-2.5 py-1 text-xs font-medium transition-colors",
                  on
                    ? "border-accent-600 bg-accent-600 text-white hover:bg-accent-700"
                    : "border-zinc-300 bg-white text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800",
                )}
              >
                {label}
              </button>
            );
          })}
        </div>
        <div className="ml-auto flex items-center gap-2">
          {active && (
            <Button variant="ghost" size="sm" onClick={() => onSearchChange((prev) => ({ sort: prev.sort, order: prev.order }))}>
              <X className="size-4" aria-hidden="true" />
              Clear filters
            </Button>
          )}
          {views}
        </div>
      </div>

      <div id={panelId} hidden={!moreOpen}>
        {moreOpen && (
          // Remounted when the URL's values change (e.g. Clear filters), so it always shows what is applied.
          <MoreFilters key={moreFiltersKey(search)} search={search} onApply={(patch) => set(patch)} />
        )}
      </div>
    </section>
  );
}

function InlineLabel({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-zinc-500 dark:text-zinc-400">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

/**
 * The search box: typing updates the URL after a short pause. A change of the URL from elsewhere (Clear
 * filters, Back) replaces what is in the box; the box's own updates coming back do not.
 */
function SearchBox({ value, onCommit }: { value: string; onCommit: (q: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [committed, setCommitted] = useState<string | null>(null);
  if (value !== seen) {
    setSeen(value);
    // The box's own update coming back is consumed, so a later change to the same value from elsewhere (a saved
    // view, Back) still shows.
    if (value === committed) setCommitted(null);
    else setDraft(value);
  }

  useEffect(() => {
    const next = draft.trim();
    if (next === value) return;
    const timer = setTimeout(() => {
      setCommitted(next);
      onCommit(next);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, value, onCommit]);

  return (
    <div className="relative min-w-60 flex-[1_1_16rem]">
      <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400" aria-hidden="true" />
      <Input
        type="search"
        aria-label="Search leads"
        placeholder="Search name, email, phone, address…"
        value={draft}
        maxLength={200}
        onChange={(e) => setDraft(e.target.value)}
        className="pl-8"
      />
    </div>
  );
}

// ——— More filters ————————————————————————————————————————————————————————————————

const api = listLeadsQuerySchema.shape;

/** A text box for one of the API's rules: blank means "no filter". */
const box = <T extends z.ZodType>(rule: T) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    // The API's rules take any input (query strings); here they get a string or nothing.
    .pipe(rule.optional() as unknown as z.ZodType<z.output<T> | undefined, string | undefined>);

const scoreRule = (schema: typeof api.scoreMin) => {
  const number = schema.unwrap();
  const [min, max] = [number.minValue ?? 0, number.maxValue ?? 100];
  return z.coerce
    .number({ error: "must be a number" })
    .min(min, { error: `must be ${min}–${max}` })
    .max(max, { error: `must be ${min}–${max}` });
};

const moreFiltersSchema = z
  .object({
    state: box(api.state),
    city: box(api.city),
    zip: box(api.zip),
    scoreMin: box(scoreRule(api.scoreMin)),
    scoreMax: box(scoreRule(api.scoreMax)),
    createdFrom: box(api.createdFrom),
    createdTo: box(api.createdTo),
    tags: box(api.tags),
    source: box(api.source),
  })
  .refine((v) => v.scoreMin === undefined || v.scoreMax === undefined || v.scoreMin <= v.scoreMax, {
    error: "must not be above Score max",
    path: ["scoreMin"],
  })
  .refine((v) => !v.createdFrom || !v.createdTo || v.createdFrom <= v.createdTo, {
    error: "must not be after Created to",
    path: ["createdFrom"],
  });

type MoreFiltersValues = z.input<typeof moreFiltersSchema>;
type MoreFiltersPatch = z.output<typeof moreFiltersSchema>;

function toValues(search: LeadsSearch): MoreFiltersValues {
  const text = (v: string | number | string[] | undefined) => (v === undefined ? "" : Array.isArray(v) ? v.join(", ") : String(v));
  return {
    state: text(search.state),
    city: text(search.city),
    zip: text(search.zip),
    scoreMin: text(search.scoreMin),
    scoreMax: text(search.scoreMax),
    createdFrom: text(search.createdFrom),
    createdTo: text(search.createdTo),
    tags: text(search.tags),
    source: text(search.source),
  };
}

function moreFiltersKey(search: LeadsSearch): string {
  return JSON.stringify(toValues(search));
}

const EMPTY: MoreFiltersValues = toValues({});

function MoreFilters({ search, onApply }: { search: LeadsSearch; onApply: (patch: Partial<LeadsSearch>) => void }) {
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<MoreFiltersValues, unknown, MoreFiltersPatch>({
    resolver: zodResolver(moreFiltersSchema),
    defaultValues: toValues(search),
  });

  const text = (name: Path<MoreFiltersValues>, label: string, props: Parameters<typeof Input>[0] = {}, hint?: string) => (
    <Field label={label} error={errors[name]?.message} hint={hint}>
      {(control) => <Input {...control} autoComplete="off" {...props} {...register(name)} />}
    </Field>
  );

  return (
    <Card className="p-4">
      <form onSubmit={handleSubmit((patch) => onApply(patch))} noValidate aria-label="More filters" className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-[6rem_1fr_8rem_7rem_7rem]">
          {text("state", "State", { maxLength: 2, placeholder: "TX" })}
          {text("city", "City", { placeholder: "Austin" })}
          {text("zip", "ZIP", { inputMode: "numeric", maxLength: 5, placeholder: "78701" })}
          {text("scoreMin", "Score min", { type: "number", inputMode: "numeric", min: 0, max: 100, placeholder: "0" })}
          {text("scoreMax", "Score max", { type: "number", inputMode: "numeric", min: 0, max: 100, placeholder: "100" })}
        </div>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {text("createdFrom", "Created from", { type: "date" })}
          {text("createdTo", "Created to", { type: "date" })}
          {text("tags", "Tags", { placeholder: "cash-buyer, probate" }, "Any of these, comma-separated.")}
          {text("source", "Source", { placeholder: "Direct mail" }, "Exact source names, comma-separated.")}
        </div>
        <div className="flex justify-end gap-2">
          <Button
            variant="ghost"
            onClick={() => {
              reset(EMPTY);
              onApply(Object.fromEntries(MORE_FILTER_KEYS.map((k) => [k, undefined])));
            }}
          >
            Reset
          </Button>
          <Button type="submit">Apply filters</Button>
        </div>
      </form>
    </Card>
  );
}
