import { Search, X } from "lucide-react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { listInvestorsQuerySchema } from "@/domain/investors";
import { Button } from "@/ui/Button";
import { Input, Select } from "@/ui/Input";
import { ACCREDITATION_OPTIONS, PROPERTY_TYPE_OPTIONS } from "./format";
import { activeInvestorFilterCount, type InvestorsSearch } from "./investorsSearch";

export const FILTER_DEBOUNCE_MS = 300;

export type InvestorsSearchUpdate = (update: (prev: InvestorsSearch) => InvestorsSearch, options?: { replace?: boolean }) => void;

const api = listInvestorsQuerySchema.shape;

/** Search, accreditation, property type, state and minimum capital, all kept in the URL by the caller. */
export function InvestorsFilters({ search, onSearchChange }: { search: InvestorsSearch; onSearchChange: InvestorsSearchUpdate }) {
  const set = (patch: Partial<InvestorsSearch>, options?: { replace?: boolean }) => onSearchChange((prev) => ({ ...prev, ...patch }), options);
  const active = activeInvestorFilterCount(search) > 0;

  return (
    <section aria-label="Filter investors" className="mb-4 flex flex-wrap items-start gap-x-3 gap-y-2">
      <DraftBox
        label="Search investors"
        hideLabel
        type="search"
        icon={<Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400" aria-hidden="true" />}
        placeholder="Search name, company, email…"
        className="basis-full"
        value={search.q ?? ""}
        parse={(text) => {
          const q = text.trim();
          return q.length > 100 ? { error: "Too long" } : { value: q || undefined };
        }}
        onCommit={(q) => set({ q }, { replace: true })}
      />
      <Inline label="Accreditation">
        {(id) => (
          <Select
            id={id}
            className="w-auto min-w-36"
            value={search.accreditationStatus ?? ""}
            onChange={(e) => set({ accreditationStatus: (e.target.value || undefined) as InvestorsSearch["accreditationStatus"] })}
          >
            <option value="">Any</option>
            {ACCREDITATION_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        )}
      </Inline>
      <Inline label="Property type">
        {(id) => (
          <Select
            id={id}
            className="w-auto min-w-36"
            value={search.propertyType ?? ""}
            onChange={(e) => set({ propertyType: (e.target.value || undefined) as InvestorsSearch["propertyType"] })}
          >
            <option value="">Any</option>
            {PROPERTY_TYPE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        )}
      </Inline>
      <DraftBox
        label="State"
        placeholder="TX"
        maxLength={2}
        className="w-28"
        value={search.state ?? ""}
        parse={(text) => {
          if (text.trim() === "") return { value: undefined };
          const r = api.state.safeParse(text);
          return r.success ? { value: r.data } : { error: "Two letters, e.g. TX" };
        }}
        onCommit={(state) => set({ state }, { replace: true })}
      />
      <DraftBox
        label="Min. capital"
        placeholder="$"
        inputMode="decimal"
        className="w-48"
        value={search.minCapital === undefined ? "" : String(search.minCapital)}
        parse={(text) => {
          const t = text.replace(/[$,\s]/g, "");
          if (t === "") return { value: undefined };
          const r = api.minCapital.safeParse(t);
          return r.success && r.data !== undefined ? { value: r.data } : { error: "A dollar amount" };
        }}
        onCommit={(minCapital) => set({ minCapital }, { replace: true })}
      />
      {active && (
        <Button variant="ghost" className="mt-0" onClick={() => onSearchChange(() => ({}))}>
          <X className="size-4" aria-hidden="true" />
          Clear filters
        </Button>
      )}
    </section>
  );
}

function Inline({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm whitespace-nowrap text-zinc-500 dark:text-zinc-400">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

type Parsed<T> = { value: T } | { error: string };

/**
 * A text filter: what is typed goes to the URL after a short pause once it is valid (an invalid value shows why
 * and is not applied). A change of the URL from elsewhere (Clear filters, Back) replaces the text.
 */
function DraftBox<T extends string | number | undefined>({
  label,
  hideLabel,
  value,
  parse,
  onCommit,
  className,
  icon,
  type = "text",
  ...inputProps
}: {
  label: string;
  hideLabel?: boolean;
  value: string;
  parse: (text: string) => Parsed<T>;
  onCommit: (value: T) => void;
  className?: string;
  icon?: ReactNode;
  type?: "text" | "search";
  placeholder?: string;
  maxLength?: number;
  inputMode?: "decimal" | "text";
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  const parsed = parse(draft);
  const error = "error" in parsed ? parsed.error : undefined;
  const next = "value" in parsed ? parsed.value : undefined;
  const nextText = next === undefined ? "" : String(next);
  // The latest onCommit, without restarting the pause each time the parent renders.
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });

  useEffect(() => {
    if (error || nextText === value) return;
    const timer = setTimeout(() => commit.current(next as T), FILTER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [error, next, nextText, value]);

  return (
    <div className={hideLabel ? className : `flex items-start gap-2 ${className ?? ""}`}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "mt-2 shrink-0 text-sm whitespace-nowrap text-zinc-500 dark:text-zinc-400"}>
        {label}
      </label>
      <div className="relative w-full">
        {icon}
        <Input
          id={id}
          type={type}
          value={draft}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          className={icon ? "pl-8" : undefined}
          {...inputProps}
        />
        {error && (
          <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
