import { useEffect, useId, useState } from "react";
import { leadDisplayName, type Lead } from "@/domain/leads";
import { isAbortError } from "@/lib/http";
import { listLeads } from "@/features/leads/leadsApi";
import { Input } from "@/ui/Input";
import { cn } from "@/lib/cn";

/** Searches the org's leads by name, email or phone and picks one (a listbox of up to 8 matches). */
export function LeadPicker({ value, onChange }: { value: Lead | null; onChange: (lead: Lead) => void }) {
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Lead[]>([]);
  const [loading, setLoading] = useState(false);
  const inputId = useId();
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      listLeads({ filters: q.trim() ? `q=${encodeURIComponent(q.trim())}` : "", limit: 8, signal: controller.signal }).then(
        (page) => (setResults(page.items), setLoading(false)),
        (err: unknown) => !isAbortError(err) && (setResults([]), setLoading(false)),
      );
    }, 250);
    return () => (clearTimeout(timer), controller.abort());
  }, [q]);
  return (
    <div className="space-y-1.5">
      <label htmlFor={inputId} className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">Lead</label>
      <Input id={inputId} type="search" placeholder="Search by name, email or phone" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      <ul role="listbox" aria-label="Matching leads" aria-busy={loading} className="max-h-56 overflow-y-auto rounded-md border border-zinc-200 dark:border-zinc-800">
        {results.length === 0 && !loading && <li className="px-3 py-2 text-sm text-zinc-500">No leads match.</li>}
        {results.map((lead) => (
          <li
            key={lead.id}
            role="option"
            aria-selected={value?.id === lead.id}
            tabIndex={0}
            onClick={() => onChange(lead)}
            onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), onChange(lead))}
            className={cn("cursor-pointer px-3 py-1.5 text-sm hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none dark:hover:bg-zinc-800 dark:focus:bg-zinc-800", value?.id === lead.id && "bg-accent-50 font-medium dark:bg-accent-950/50")}
          >
            {leadDisplayName(lead)}
            <span className="ml-2 text-xs text-zinc-500">{lead.email ?? lead.phone ?? ""}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
