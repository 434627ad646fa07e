import { useEffect, useState } from "react";
import { errorMessage } from "@/lib/apiError";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Spinner } from "@/ui/Spinner";
import { featureLabel } from "./featureLabels";
import { driftReport, type DriftSummary } from "./scoringApi";

const LEVEL_STYLE: Record<string, string> = {
  stable: "bg-emerald-500",
  moderate: "bg-amber-500",
  major: "bg-red-500",
};
const LEVEL_TEXT: Record<string, string> = { stable: "stable", moderate: "moderate shift", major: "major shift" };
const MAX_ROWS = 12;
/** Bars are drawn on a scale that tops out here (PSI 0.5 is already far past "major"). */
const SCALE = 0.5;

/**
 * How far the leads scored lately have moved from the population the active model was checked on: the population
 * stability index per feature and on the score, from the nightly drift check (GET /api/ml/drift).
 */
export function DriftCard() {
  const [state, setState] = useState<{ kind: "loading" } | { kind: "ready"; drift: DriftSummary } | { kind: "error"; message: string }>({ kind: "loading" });
  useEffect(() => {
    let live = true;
    driftReport().then(
      (drift) => live && setState({ kind: "ready", drift }),
      (err: unknown) => live && setState({ kind: "error", message: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, []);
  const latest = state.kind === "ready" ? state.drift.latest : null;
  return (
    <Card aria-labelledby="drift-heading">
      <CardHeader>
        <h3 id="drift-heading" className="font-medium">
          Drift per feature
        </h3>
      </CardHeader>
      <CardBody className="space-y-3 text-sm">
        {state.kind === "loading" && <Spinner label="Loading the drift check" />}
        {state.kind === "error" && <p role="alert">{state.message}</p>}
        {state.kind === "ready" && !latest && (
          <p className="text-zinc-500 dark:text-zinc-400">No drift check yet: it runs every night for the active model once leads have been scored.</p>
        )}
        {latest && (
          <>
            <p>
              Checked {new Date(latest.computedAt).toLocaleString()} on {latest.rows} recently scored leads against model v{latest.modelVersion}: the score is{" "}
              <strong>{LEVEL_TEXT[latest.score.level]}</strong> (PSI {latest.score.psi.toFixed(3)}).
              {latest.alert && <span className="text-red-700 dark:text-red-400"> Scores may be less reliable until the model is retrained.</span>}
            </p>
            <ul aria-label="Population stability index per feature" className="space-y-1">
              {latest.features.slice(0, MAX_ROWS).map((f) => (
                <li key={f.feature} className="grid grid-cols-[10rem_1fr_4rem] items-center gap-2">
                  <span className="truncate" title={f.feature}>
                    {featureLabel(f.feature)}
                  </span>
                  <span className="h-2 rounded bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
                    <span className={`block h-2 rounded ${LEVEL_STYLE[f.level]}`} style={{ width: `${Math.min(100, (f.psi / SCALE) * 100)}%` }} />
                  </span>
                  <span className="text-right tabular-nums">
                    {f.psi.toFixed(3)} <span className="sr-only">{LEVEL_TEXT[f.level]}</span>
                  </span>
                </li>
              ))}
            </ul>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">PSI under 0.1 is stable, 0.1–0.25 a moderate shift, over 0.25 a major one (managers are notified).</p>
          </>
        )}
      </CardBody>
    </Card>
  );
}
