import { Link } from "@tanstack/react-router";
import { Sparkles } from "lucide-react";
import { useEffect, useState } from "react";
import type { DealMatchesResponse } from "@/domain/investors";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Spinner } from "@/ui/Spinner";
import { formatDay, formatMoney, placeLabel, propertyTypeLabel } from "../format";
import { getInvestorMatches } from "../investorsApi";

/** Open deals that fit the investor (GET /api/investors/:id/matches), best first, with why. */
export function MatchesCard({ investorId, version }: { investorId: string; /** Changes when the preferences were saved. */ version: string }) {
  const [state, setState] = useState<{ key: string; data: DealMatchesResponse | null; error: string | null } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key = `${investorId}:${version}:${attempt}`;

  useEffect(() => {
    const controller = new AbortController();
    getInvestorMatches(investorId, controller.signal).then(
      (data) => setState({ key, data, error: null }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ key, data: null, error: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [investorId, key]);

  const current = state?.key === key ? state : null;

  return (
    <Card>
      <CardHeader className="flex items-center justify-between gap-2">
        <h2 className="font-medium">Open deals that fit</h2>
        {current?.data && <span className="text-xs text-zinc-500 dark:text-zinc-400">{current.data.items.length} found</span>}
      </CardHeader>
      <CardBody>
        {!current && <Spinner label="Finding deals" />}
        {current?.error && (
          <div className="flex items-center justify-between gap-3 text-sm">
            <p className="text-red-600 dark:text-red-400">Couldn't load matching deals: {current.error}</p>
            <Button variant="secondary" size="sm" onClick={() => setAttempt((n) => n + 1)}>
              Retry
            </Button>
          </div>
        )}
        {current?.data && current.data.items.length === 0 && (
          <p className="flex items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400">
            <Sparkles className="size-4" aria-hidden="true" />
            No open deal fits these preferences right now.
          </p>
        )}
        {current?.data && current.data.items.length > 0 && (
          <ul aria-label="Matching deals" className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {current.data.items.map(({ opportunity: o, score, reasons }) => (
              <li key={o.id} className="py-3 first:pt-0 last:pb-0">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <Link to="/opportunities/$opportunityId" params={{ opportunityId: o.id }} className="font-medium hover:underline">
                      {o.title}
                    </Link>
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      {[placeLabel(o.city, o.state, o.zip), propertyTypeLabel(o.propertyType), formatMoney(o.value), o.expectedCloseDate ? `closes ${formatDay(o.expectedCloseDate)}` : null]
                        .filter((s) => s && s !== "—")
                        .join(" · ")}
                    </p>
                  </div>
                  <span
                    className="shrink-0 rounded-full bg-accent-50 px-2 py-0.5 text-xs font-semibold text-accent-700 tabular-nums dark:bg-accent-950/50 dark:text-accent-300"
                    aria-label={`Match score ${Math.round(score)} of 100`}
                  >
                    {Math.round(score)}
                  </span>
                </div>
                {reasons.length > 0 && (
                  <ul aria-label={`Why ${o.title} fits`} className="mt-1.5 flex flex-wrap gap-1.5">
                    {reasons.map((r) => (
                      <li key={r} className="rounded-md bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                        {r}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
