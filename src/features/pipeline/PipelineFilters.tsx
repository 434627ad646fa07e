import { X } from "lucide-react";
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { PROPERTY_TYPES } from "@/domain/matching/types";
import type { Member } from "@/domain/orgs";
import { Button } from "@/ui/Button";
import { Field } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { propertyTypeLabel } from "./OpportunityCardContent";
import { activePipelineFilters, type PipelineSearch } from "./pipelineSearch";

export type PipelineSearchUpdate = (update: (prev: PipelineSearch) => PipelineSearch) => void;

/** A text box whose value reaches the URL a moment after typing stops (or at once on Enter / leaving it). */
function useDeferredText(value: string | undefined, commit: (v: string | undefined) => void) {
  const [text, setText] = useState(value ?? "");
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    // The URL changed from elsewhere (back button, clear filters): follow it.
    setSynced(value);
    setText(value ?? "");
  }
  const commitRef = useRef(commit);
  useLayoutEffect(() => {
    commitRef.current = commit;
  });
  useEffect(() => {
    if ((text.trim() || undefined) === value) return;
    const timer = setTimeout(() => commitRef.current(text.trim() || undefined), 400);
    return () => clearTimeout(timer);
  }, [text, value]);
  return [text, setText, () => commit(text.trim() || undefined)] as const;
}

const numberOrUndefined = (v: string | undefined): number | undefined => {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** Owner, property type, market and value range: each change goes to the URL (and the board follows). */
export function PipelineFilters({ search, onSearchChange, members }: { search: PipelineSearch; onSearchChange: PipelineSearchUpdate; members: Member[] }) {
  const set = <K extends keyof PipelineSearch>(key: K, value: PipelineSearch[K] | undefined) => onSearchChange((prev) => ({ ...prev, [key]: value }));
  const [market, setMarket, commitMarket] = useDeferredText(search.market, (v) => set("market", v));
  const [min, setMin, commitMin] = useDeferredText(search.minValue?.toString(), (v) => set("minValue", numberOrUndefined(v)));
  const [max, setMax, commitMax] = useDeferredText(search.maxValue?.toString(), (v) => set("maxValue", numberOrUndefined(v)));
  const staff = members.filter((m) => m.role !== "investor");
  const count = activePipelineFilters(search);
  const onEnter = (commit: () => void) => (e: KeyboardEvent) => {
    if (e.key === "Enter") commit();
  };

  return (
    <form role="search" aria-label="Filter deals" className="mb-4 flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <Field label="Owner" className="w-44">
        {(c) => (
          <Select {...c} value={search.ownerId ?? ""} onChange={(e) => set("ownerId", (e.target.value || undefined) as PipelineSearch["ownerId"])}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            {staff.map((m) => <option key={m.userId} value={m.userId}>{m.fullName || m.email}</option>)}
          </Select>
        )}
      </Field>
      <Field label="Property type" className="w-44">
        {(c) => (
          <Select {...c} value={search.propertyType ?? ""} onChange={(e) => set("propertyType", (e.target.value || undefined) as PipelineSearch["propertyType"])}>
            <option value="">Any type</option>
            {PROPERTY_TYPES.map((t) => <option key={t} value={t}>{propertyTypeLabel(t)}</option>)}
          </Select>
        )}
      </Field>
      <Field label="Market" className="w-44">
        {(c) => <Input {...c} value={market} onChange={(e) => setMarket(e.target.value)} onBlur={commitMarket} onKeyDown={onEnter(commitMarket)} placeholder="TX, Austin or 78701" />}
      </Field>
      <Field label="Min value" className="w-32">
        {(c) => <Input {...c} type="number" min={0} step={1000} inputMode="numeric" value={min} onChange={(e) => setMin(e.target.value)} onBlur={commitMin} onKeyDown={onEnter(commitMin)} placeholder="$0" />}
      </Field>
      <Field label="Max value" className="w-32">
        {(c) => <Input {...c} type="number" min={0} step={1000} inputMode="numeric" value={max} onChange={(e) => setMax(e.target.value)} onBlur={commitMax} onKeyDown={onEnter(commitMax)} placeholder="Any" />}
      </Field>
      {count > 0 && (
        <Button variant="ghost" onClick={() => onSearchChange(() => ({}))}>
          <X className="size-4" aria-hidden="true" />
          Clear filters ({count})
        </Button>
      )}
    </form>
  );
}
