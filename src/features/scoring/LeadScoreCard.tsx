import { Link } from "@tanstack/react-router";
import { useCallback, useEffect, useRef, useState } from "react";
import { canManageMembers, useActiveMembership } from "@/features/orgs/useActiveMembership";
import { errorMessage, isApiError } from "@/lib/apiError";
import { cn } from "@/lib/cn";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Spinner } from "@/ui/Spinner";
import { featureLabel, formatFeatureValue } from "./featureLabels";
import { formatProbability, GRADE_MEANING, GRADE_STYLES } from "./grades";
import { latestLeadScore, scoreLead, type LeadScore, type ScoreFactor } from "./scoringApi";

type View =
  | { kind: "loading" }
  | { kind: "scored"; score: LeadScore; scoredAt: Date }
  | { kind: "not_trained" }
  | { kind: "error"; message: string };
/** What the card shows, and for which lead (another lead's result reads as loading). */
type State = View & { leadId: string | null };

const HORIZON_DAYS = 90;
const scoredAtFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" });

/**
 * The lead's score from the org's lead-conversion model: grade, score, the chance of becoming a deal within 90 days,
 * and the factors pushing it up and down. Shows the stored score (GET /api/ml/score); scores a lead never scored, and
 * on "Score now" (POST /api/ml/score, which writes the score back on the lead with a history row). An org without a trained model sees that said plainly — no numbers.
 */
export function LeadScoreCard({ leadId }: { leadId: string }) {
  const [result, setState] = useState<State>({ kind: "loading", leadId: null });
  const state: View = result.leadId === leadId ? result : { kind: "loading" };
  const [busy, setBusy] = useState(false);
  const manager = canManageMembers(useActiveMembership()?.role);
  const latest = useRef(0);

  const fetchScore = useCallback((fresh: boolean) => {
    const call = ++latest.current;
    const load = fresh ? scoreLead(leadId) : latestLeadScore(leadId).then((stored) => stored ?? scoreLead(leadId));
    return load.then(
      (score) => {
        if (call === latest.current) setState({ kind: "scored", score, scoredAt: score.scoredAt ? new Date(score.scoredAt) : new Date(), leadId });
      },
      (err: unknown) => {
        if (call !== latest.current) return;
        if (isApiError(err) && err.code === "model_not_trained") setState({ kind: "not_trained", leadId });
        else setState({ kind: "error", message: isApiError(err) && err.status === 404 ? "This lead can't be scored: it was not found." : errorMessage(err), leadId });
      },
    );
  }, [leadId]);

  useEffect(() => {
    void fetchScore(false);
    const calls = latest;
    // A result that arrives after the lead changed or the card left is dropped.
    return () => void calls.current++;
  }, [fetchScore]);

  const scoreNow = () => {
    setBusy(true);
    void fetchScore(true).finally(() => setBusy(false));
  };

  return (
    <Card aria-labelledby="lead-score-heading">
      <CardHeader className="flex items-center justify-between gap-2">
        <h2 id="lead-score-heading" className="font-medium">Lead score</h2>
        {state.kind !== "not_trained" && (
          <Button variant="ghost" size="sm" loading={busy} disabled={state.kind === "loading"} onClick={scoreNow}>
            Score now
          </Button>
        )}
      </CardHeader>
      <CardBody className="space-y-4 text-sm">
        {state.kind === "loading" && <Spinner label="Scoring the lead" />}
        {state.kind === "error" && (
          <div role="alert" className="space-y-1">
            <p className="font-medium text-red-700 dark:text-red-400">Couldn&apos;t score this lead</p>
            <p className="text-zinc-500 dark:text-zinc-400">{state.message}</p>
          </div>
        )}
        {state.kind === "not_trained" && (
          <div className="space-y-1.5">
            <p className="font-medium">Lead scoring isn&apos;t trained yet for this org</p>
            <p className="text-zinc-500 dark:text-zinc-400">
              Scores appear once the model has learned from enough of this org&apos;s own leads and deals — until then there is no score rather than a guess.
            </p>
            {manager ? (
              <p>
                <Link to="/settings/models" className="font-medium text-accent-700 hover:underline dark:text-accent-300">
                  Models
                </Link>{" "}
                <span className="text-zinc-500 dark:text-zinc-400">shows what training needs and lets you train now.</span>
              </p>
            ) : (
              <p className="text-zinc-500 dark:text-zinc-400">An owner or admin can train it once there is enough history.</p>
            )}
          </div>
        )}
        {state.kind === "scored" && <ScoreDetails score={state.score} scoredAt={state.scoredAt} />}
      </CardBody>
    </Card>
  );
}

function ScoreDetails({ score, scoredAt }: { score: LeadScore; scoredAt: Date }) {
  const up = score.factors.filter((f) => f.direction === "up");
  const down = score.factors.filter((f) => f.direction === "down");
  const largest = Math.max(1e-9, ...score.factors.map((f) => Math.abs(f.contribution)));
  return (
    <>
      <div className="flex items-center gap-4">
        <dl className="flex items-center gap-4">
          <div>
            <dt className="sr-only">Grade</dt>
            <dd
              className={cn("grid size-14 place-items-center rounded-lg text-3xl font-bold", GRADE_STYLES[score.grade])}
              title={`Grade ${score.grade}: ${GRADE_MEANING[score.grade]} chance`}
            >
              {score.grade}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Score</dt>
            <dd className="text-2xl font-semibold tabular-nums">
              {score.score}
              <span className="text-sm font-normal text-zinc-500"> / 100</span>
            </dd>
          </div>
        </dl>
      </div>
      <p>
        <strong className="font-semibold">{capitalise(formatProbability(score.probability))}</strong> chance to become a deal within {HORIZON_DAYS} days.
      </p>
      <div className="grid gap-4">
        <FactorList title="Pushing up" factors={up} largest={largest} />
        <FactorList title="Pushing down" factors={down} largest={largest} />
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Model v{score.modelVersion} · scored {scoredAtFormat.format(scoredAt)}
      </p>
    </>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function FactorList({ title, factors, largest }: { title: string; factors: ScoreFactor[]; largest: number }) {
  const up = title === "Pushing up";
  const id = `factors-${up ? "up" : "down"}`;
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="mb-1.5 text-xs font-medium tracking-wide text-zinc-500 uppercase">{title}</h3>
      {factors.length === 0 ? (
        <p className="text-zinc-500 dark:text-zinc-400">Nothing notable.</p>
      ) : (
        <ul className="space-y-2" aria-labelledby={id}>
          {factors.map((f) => (
            <li key={f.feature}>
              <div className="flex items-baseline justify-between gap-2">
                <span>{featureLabel(f.feature)}</span>
                <span className="shrink-0 text-zinc-500 tabular-nums dark:text-zinc-400">{formatFeatureValue(f.feature, f.value)}</span>
              </div>
              <div className="mt-1 h-1.5 rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
                <div className={cn("h-full rounded-full", up ? "bg-emerald-500" : "bg-red-500")} style={{ width: `${Math.max(4, (Math.abs(f.contribution) / largest) * 100)}%` }} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
