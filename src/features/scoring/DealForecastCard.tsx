import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/api";
import { errorMessage, isApiError } from "@/lib/apiError";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Spinner } from "@/ui/Spinner";

export interface DealFactor {
  feature: string;
  label?: string;
  value: number | string | null;
  contribution: number;
  direction: "up" | "down";
}

/** POST /api/ml/deals/score (docs/api/ml.md). */
export interface DealForecast {
  opportunityId: string;
  expectedReturn: { expected: number; low: number; high: number; lowAlpha: number; highAlpha: number; factors: DealFactor[]; modelId: string; modelVersion: number };
  timeToClose: { probabilities: { days: number; probability: number }[]; hazardRatio: number; factors: DealFactor[]; modelId: string; modelVersion: number };
  scoredAt: string;
}

export const scoreDeal = (opportunityId: string) => apiFetch<DealForecast>("/api/ml/deals/score", { method: "POST", body: { opportunityId } });

type View = { kind: "loading" } | { kind: "scored"; forecast: DealForecast } | { kind: "not_trained" } | { kind: "error"; message: string };

const pct = (x: number) => `${Math.round(100 * x)}%`;

/**
 * The deal's forecast from the org's deal models: expected return with its 10–90% interval, and the chance to close
 * within 30, 60 and 90 days. An org without trained deal models sees that said plainly — no numbers.
 */
export function DealForecastCard({ opportunityId }: { opportunityId: string }) {
  const [result, setResult] = useState<View & { id: string | null }>({ kind: "loading", id: null });
  const view: View = result.id === opportunityId ? result : { kind: "loading" };

  useEffect(() => {
    let live = true;
    scoreDeal(opportunityId).then(
      (forecast) => live && setResult({ kind: "scored", forecast, id: opportunityId }),
      (err: unknown) => {
        if (!live) return;
        if (isApiError(err) && err.code === "model_not_trained") setResult({ kind: "not_trained", id: opportunityId });
        else setResult({ kind: "error", message: errorMessage(err), id: opportunityId });
      },
    );
    return () => {
      live = false;
    };
  }, [opportunityId]);

  return (
    <Card aria-labelledby="deal-forecast-heading">
      <CardHeader>
        <h2 id="deal-forecast-heading" className="font-medium">Forecast</h2>
      </CardHeader>
      <CardBody className="space-y-3 text-sm">
        {view.kind === "loading" && <Spinner label="Forecasting the deal" />}
        {view.kind === "not_trained" && <p className="text-zinc-500 dark:text-zinc-400">The deal forecast is not trained yet for this org.</p>}
        {view.kind === "error" && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            Couldn&apos;t forecast this deal: {view.message}
          </p>
        )}
        {view.kind === "scored" && <ForecastDetails forecast={view.forecast} />}
      </CardBody>
    </Card>
  );
}

function ForecastDetails({ forecast }: { forecast: DealForecast }) {
  const r = forecast.expectedReturn;
  const factors = [...r.factors, ...forecast.timeToClose.factors.filter((f) => !r.factors.some((g) => g.feature === f.feature))].slice(0, 5);
  return (
    <>
      <p>
        Expected return <strong className="font-semibold tabular-nums">{pct(r.expected)}</strong>{" "}
        <span className="text-zinc-500 tabular-nums dark:text-zinc-400">
          ({pct(r.low)}–{pct(r.high)})
        </span>
      </p>
      <p>
        Chance to close:{" "}
        <span className="tabular-nums">{forecast.timeToClose.probabilities.map((p) => `${p.days} days ${pct(p.probability)}`).join(" · ")}</span>
      </p>
      {factors.length > 0 && (
        <details>
          <summary className="cursor-pointer text-xs font-medium tracking-wide text-zinc-500 uppercase">Top factors</summary>
          <ul className="mt-1.5 space-y-1">
            {factors.map((f) => (
              <li key={f.feature} className="flex justify-between gap-2">
                <span>{f.label ?? f.feature}</span>
                <span className={f.direction === "up" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>{f.direction === "up" ? "↑" : "↓"}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Return model v{r.modelVersion} · close model v{forecast.timeToClose.modelVersion} · {Math.round(100 * r.lowAlpha)}–{Math.round(100 * r.highAlpha)}% interval
      </p>
    </>
  );
}
