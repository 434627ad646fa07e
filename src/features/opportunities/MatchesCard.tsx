import { Send } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import type { InvestorMatch } from "@/domain/investors";
import type { OpportunityShare } from "@/domain/pipeline";
import { errorMessage } from "@/lib/apiError";
import { cn } from "@/lib/cn";
import { formatDate } from "@/lib/format";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { toast } from "@/ui/toastStore";
import { getMatches, shareOpportunity } from "./opportunityApi";

const RESPONSE_LABELS = { interested: "Interested", passed: "Passed" } as const;

function scoreTone(score: number) {
  if (score >= 75) return "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300";
  if (score >= 50) return "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300";
  return "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300";
}

/** Investors ranked for the deal, with why; tick some and share the deal with them. Shared ones show their answer. */
export function MatchesCard({ opportunityId, shares, onShared }: { opportunityId: string; shares: OpportunityShare[]; onShared: (shares: OpportunityShare[]) => void }) {
  const [matches, setMatches] = useState<InvestorMatch[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [sharing, setSharing] = useState(false);
  const reload = useCallback(
    () =>
      getMatches(opportunityId).then(
        (r) => {
          setMatches(r.items);
          setFailed(null);
        },
        (err: unknown) => setFailed(errorMessage(err)),
      ),
    [opportunityId],
  );
  useEffect(() => void reload(), [reload]);

  const shareOf = new Map(shares.map((s) => [s.investorId, s]));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const share = async () => {
    setSharing(true);
    try {
      const { items } = await shareOpportunity(opportunityId, [...selected]);
      onShared(items);
      toast({ title: `Shared with ${items.length} investor${items.length === 1 ? "" : "s"}`, variant: "success" });
      setSelected(new Set());
      void reload();
    } catch (err) {
      toast({ title: "Couldn't share the deal", description: errorMessage(err), variant: "error" });
    } finally {
      setSharing(false);
    }
  };

  return (
    <Card>
      <CardHeader className="flex items-center justify-between gap-3">
        <h2 className="font-medium">Investor matches</h2>
        <Button size="sm" onClick={() => void share()} disabled={selected.size === 0} loading={sharing}>
          <Send className="size-3.5" aria-hidden="true" />
          Share with selected{selected.size ? ` (${selected.size})` : ""}
        </Button>
      </CardHeader>
      <CardBody>
        {failed && <p className="text-sm text-red-600">Couldn't load the matches: {failed}</p>}
        {!failed && matches === null && <p className="text-sm text-zinc-500">Loading…</p>}
        {matches?.length === 0 && <p className="text-sm text-zinc-500">No investor fits this deal yet. Fill in the property and the analysis to improve the matching.</p>}
        {matches && matches.length > 0 && (
          <ol className="space-y-3" aria-label="Investor matches">
            {matches.map((m) => {
              const shared = shareOf.get(m.investorId);
              const isShared = m.shared || shared !== undefined;
              return (
                <li key={m.investorId} className="flex items-start gap-3">
                  <input
                    type="checkbox"
                    className="mt-1 size-4"
                    aria-label={isShared ? `${m.name} (already shared)` : `Select ${m.name}`}
                    checked={isShared || selected.has(m.investorId)}
                    disabled={isShared}
                    onChange={() => toggle(m.investorId)}
                  />
                  <div className="min-w-0 flex-1 space-y-0.5">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                      {m.name}
                      <span className={cn("rounded-full px-2 text-xs font-semibold tabular-nums", scoreTone(m.score))} aria-label={`Score ${Math.round(m.score)} of 100`}>
                        {Math.round(m.score)}
                      </span>
                      {isShared && (
                        <span className="text-xs font-normal text-zinc-500">
                          {shared?.response ? `${RESPONSE_LABELS[shared.response]}${shared.respondedAt ? ` · ${formatDate(shared.respondedAt)}` : ""}` : `Shared${shared ? ` ${formatDate(shared.sharedAt)}` : ""} · no answer yet`}
                        </span>
                      )}
                    </p>
                    {shared?.comment && <p className="text-sm text-zinc-600 italic dark:text-zinc-300">“{shared.comment}”</p>}
                    {m.reasons.length > 0 && (
                      <ul className="list-inside list-disc text-xs text-zinc-500 dark:text-zinc-400">
                        {m.reasons.map((r, i) => <li key={i}>{r}</li>)}
                      </ul>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}
