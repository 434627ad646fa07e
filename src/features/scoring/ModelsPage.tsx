import { BrainCircuit } from "lucide-react";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { canManageMembers, useActiveMembership } from "@/features/orgs/useActiveMembership";
import { errorMessage } from "@/lib/apiError";
import { formatDate } from "@/lib/format";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { Table, Td, Th } from "@/ui/Table";
import { toast } from "@/ui/toastStore";
import { CalibrationPlot } from "./CalibrationPlot";
import { DriftCard } from "./DriftCard";
import { FeatureImportanceChart } from "./FeatureImportanceChart";
import {
  activateModel,
  listModels,
  trainModel,
  type CloseMetrics,
  type ModelKindGroup,
  type ModelTask,
  type ModelVersion,
  type ModelsOverview,
  type ReturnMetrics,
  type ReturnWindowMetrics,
  type WindowMetrics,
} from "./scoringApi";

const fixed = (v: number | undefined, digits = 3) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "—");
const count = (v: number | undefined) => (typeof v === "number" ? v.toLocaleString("en-US") : "—");
const day = (v: string | number | null | undefined) => (v === null || v === undefined ? "—" : formatDate(new Date(v).toISOString()));
const pct = (v: number | undefined, digits = 0) => (typeof v === "number" && Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : "—");
/** A return error (returns are fractions) in percentage points; the column header carries the unit. */
const points = (v: number | undefined) => (typeof v === "number" && Number.isFinite(v) ? (v * 100).toFixed(1) : "—");
const muted = "text-zinc-500 dark:text-zinc-400";

interface KindInfo {
  title: string;
  /** Lower-case name in running text and chart titles. */
  subject: string;
  description: string;
  notTrainedTitle: string;
  /** What one training row is. */
  rowsLabel: string;
  /** What an observed positive is called (classification). */
  outcome: string;
  /** Toast after activating a version. */
  activated: string;
}

const KINDS: Record<string, KindInfo> = {
  lead_conversion: {
    title: "Lead conversion",
    subject: "lead conversion",
    description: "The chance a lead becomes a deal: every lead's score, grade and the factors behind it.",
    notTrainedTitle: "Lead scoring isn't trained yet for this org",
    rowsLabel: "Lead snapshots",
    outcome: "conversion",
    activated: "New lead scores use this version.",
  },
  expected_return: {
    title: "Expected return",
    subject: "expected return",
    description: "A deal's realized return with a 10–90% interval, shown in the forecast on the deal page.",
    notTrainedTitle: "The expected-return model isn't trained yet for this org",
    rowsLabel: "Deals",
    outcome: "positive",
    activated: "New deal forecasts use this version.",
  },
  time_to_close: {
    title: "Time to close",
    subject: "time to close",
    description: "The chance a deal closes within 30, 60 and 90 days, shown in the forecast on the deal page.",
    notTrainedTitle: "The time-to-close model isn't trained yet for this org",
    rowsLabel: "Deals",
    outcome: "positive",
    activated: "New deal forecasts use this version.",
  },
  investor_match: {
    title: "Investor match",
    subject: "investor match",
    description: "The chance an investor is interested in a deal shared with them, blended into the rule-based matching.",
    notTrainedTitle: "The investor-match model isn't trained yet for this org",
    rowsLabel: "Shares",
    outcome: "interested",
    activated: "New match scores use this version.",
  },
};

const kindInfo = (kind: string): KindInfo =>
  KINDS[kind] ?? {
    title: kind.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()),
    subject: kind.replace(/_/g, " "),
    description: "",
    notTrainedTitle: `The ${kind.replace(/_/g, " ")} model isn't trained yet for this org`,
    rowsLabel: "Rows",
    outcome: "positive",
    activated: "This version is now used.",
  };

/** The groups to show: every kind from the API, or (from an older server) the lead versions alone. */
function groupsOf(data: ModelsOverview): ModelKindGroup[] {
  return data.kinds ?? [{ kind: "lead_conversion", task: "classification", trained: data.trained, activeVersion: data.activeVersion, message: data.message, items: data.items }];
}

/**
 * The org's models, one section per kind (lead conversion, expected return, time to close, investor match): each
 * kind's versions with their held-out metrics and which one is active, and the selected version's details — feature
 * importance, a calibration plot for the classifiers, drift for the lead model. Managers activate a version of any
 * kind (promotion by hand or rollback) and queue training.
 */
export function ModelsPage() {
  const [data, setData] = useState<ModelsOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const manager = canManageMembers(useActiveMembership()?.role);

  const load = useCallback(() => listModels().then((d) => (setData(d), setError(null)), (err: unknown) => setError(errorMessage(err))), []);
  useEffect(() => void load(), [load]);

  const train = async () => {
    setBusy("train");
    try {
      await trainModel();
      toast({
        title: "Training queued",
        description: "New versions appear here when the jobs finish, and each becomes active only if it beats its kind's current one. With too little history no version is stored (see Background jobs).",
        variant: "success",
      });
    } catch (err) {
      toast({ title: "Couldn't queue training", description: errorMessage(err), variant: "error" });
    } finally {
      setBusy(null);
    }
  };

  const activate = async (m: ModelVersion) => {
    const info = kindInfo(m.kind);
    setBusy(m.id);
    try {
      await activateModel(m.id);
      toast({ title: `${info.title} v${m.version} is now active`, description: info.activated, variant: "success" });
      await load();
    } catch (err) {
      toast({ title: `Couldn't activate ${info.subject} v${m.version}`, description: errorMessage(err), variant: "error" });
    } finally {
      setBusy(null);
    }
  };

  const groups = data ? groupsOf(data) : [];

  return (
    <div className="space-y-10">
      <PageHeader
        title="Models"
        description="Each trained version of the org's models: how well it predicted what it never saw, which one is in use now, and what it weighs most."
        actions={manager && <Button loading={busy === "train"} onClick={() => void train()}>Train now</Button>}
      />
      {error && <Notice title="Couldn't load the model versions">{error}</Notice>}
      {!data && !error && <Spinner label="Loading the model versions" />}
      {data && groups.length > 1 && (
        <nav aria-label="Model kinds" className="-mt-4 flex flex-wrap gap-2 text-sm">
          {groups.map((g) => (
            <a key={g.kind} href={`#models-${g.kind}`} className="rounded-full border border-zinc-200 px-3 py-1 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900">
              {kindInfo(g.kind).title}{" "}
              <span className={muted}>{g.activeVersion !== null ? `v${g.activeVersion}` : g.items.length ? "none active" : "not trained"}</span>
            </a>
          ))}
        </nav>
      )}
      {groups.map((g) => (
        <ModelKindSection key={g.kind} group={g} manager={manager} busy={busy} onActivate={(m) => void activate(m)} />
      ))}
    </div>
  );
}

function ModelKindSection({ group, manager, busy, onActivate }: { group: ModelKindGroup; manager: boolean; busy: string | null; onActivate: (m: ModelVersion) => void }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const info = kindInfo(group.kind);
  const items = group.items;
  const selected = items.find((m) => m.id === selectedId) ?? items.find((m) => m.active) ?? items[0] ?? null;
  const headingId = `models-${group.kind}-heading`;

  return (
    <section id={`models-${group.kind}`} aria-labelledby={headingId} className="scroll-mt-6 space-y-4">
      <div>
        <h2 id={headingId} className="text-lg font-semibold">
          {info.title}
        </h2>
        {info.description && <p className={`text-sm ${muted}`}>{info.description}</p>}
      </div>
      {items.length === 0 && (
        <Card className="flex items-start gap-3 px-5 py-4">
          <div className="grid size-9 shrink-0 place-items-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
            <BrainCircuit className="size-5" aria-hidden="true" />
          </div>
          <div className="space-y-1 text-sm">
            <p className="font-medium">{info.notTrainedTitle}</p>
            <p className={muted}>
              {group.message ?? "No version has been trained."}{" "}
              {manager ? "“Train now” tries with the history there is; it stores a version only when there is enough." : "An owner or admin can train it once there is enough history."}
            </p>
          </div>
        </Card>
      )}
      {items.length > 0 && !group.trained && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          No {info.subject} version is active, so it is not in use.{manager && " Activate one below."}
        </p>
      )}
      {items.length > 0 && (
        <Card>
          <Table aria-label={`${info.title} versions`}>
            <thead>
              <tr>
                <Th>Version</Th>
                <Th>Status</Th>
                <MetricHeaders task={group.task} />
                <Th>Trained</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => {
                const isSelected = selected?.id === m.id;
                return (
                  <tr key={m.id} className={isSelected ? "bg-accent-50/60 dark:bg-accent-950/30" : undefined}>
                    <Td className="font-medium whitespace-nowrap">v{m.version}</Td>
                    <Td>
                      {m.active ? (
                        <span className="inline-flex rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">Active</span>
                      ) : (
                        <span className={muted}>Inactive</span>
                      )}
                    </Td>
                    <MetricCells task={group.task} model={m} />
                    <Td className="whitespace-nowrap">{day(m.createdAt)}</Td>
                    <Td className="text-right whitespace-nowrap">
                      <div className="flex justify-end gap-2">
                        <Button variant="ghost" size="sm" aria-pressed={isSelected} aria-label={`Details of ${info.subject} v${m.version}`} onClick={() => setSelectedId(m.id)}>
                          Details
                        </Button>
                        {manager && !m.active && (
                          <Button variant="secondary" size="sm" loading={busy === m.id} disabled={busy !== null} onClick={() => onActivate(m)}>
                            {group.activeVersion !== null && m.version < group.activeVersion ? `Roll back to v${m.version}` : `Activate v${m.version}`}
                          </Button>
                        )}
                      </div>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </Card>
      )}
      {selected && <VersionDetails model={selected} task={group.task} info={info} />}
    </section>
  );
}

function MetricHeaders({ task }: { task: ModelTask }) {
  switch (task) {
    case "classification":
      return (
        <>
          <Th className="text-right">AUC</Th>
          <Th className="text-right">Log-loss</Th>
          <Th className="text-right">Brier</Th>
          <Th className="text-right">Calibration error</Th>
          <Th className="text-right">Test rows</Th>
        </>
      );
    case "regression":
      return (
        <>
          <Th className="text-right">RMSE (pts)</Th>
          <Th className="text-right">MAE (pts)</Th>
          <Th className="text-right">Baseline RMSE (pts)</Th>
          <Th className="text-right">Interval coverage</Th>
          <Th className="text-right">Test deals</Th>
        </>
      );
    case "survival":
      return (
        <>
          <Th className="text-right">Concordance</Th>
          <Th className="text-right">Test deals</Th>
        </>
      );
    default:
      return null;
  }
}

function MetricCells({ task, model }: { task: ModelTask; model: ModelVersion }) {
  switch (task) {
    case "classification": {
      const t = model.metrics.test;
      return (
        <>
          <Td className="text-right tabular-nums">{fixed(t?.auc)}</Td>
          <Td className="text-right tabular-nums">{fixed(t?.logLoss)}</Td>
          <Td className="text-right tabular-nums">{fixed(t?.brier)}</Td>
          <Td className="text-right tabular-nums">{fixed(t?.ece)}</Td>
          <Td className="text-right whitespace-nowrap tabular-nums">
            {count(t?.rows)} <span className={muted}>({count(t?.positives)} {model.kind === "lead_conversion" ? "deals" : "positive"})</span>
          </Td>
        </>
      );
    }
    case "regression": {
      const m = model.metrics as ReturnMetrics;
      const t = m.test;
      return (
        <>
          <Td className="text-right tabular-nums">{points(t?.rmse)}</Td>
          <Td className="text-right tabular-nums">{points(t?.mae)}</Td>
          <Td className="text-right tabular-nums">{points(t?.baselineRmse)}</Td>
          <Td className="text-right tabular-nums">
            {pct(t?.coverage)}
            {m.interval && <span className={muted}> of {pct(m.interval.highAlpha - m.interval.lowAlpha)}</span>}
          </Td>
          <Td className="text-right tabular-nums">{count(t?.rows)}</Td>
        </>
      );
    }
    case "survival": {
      const t = (model.metrics as CloseMetrics).test;
      return (
        <>
          <Td className="text-right tabular-nums">{fixed(t?.concordance)}</Td>
          <Td className="text-right whitespace-nowrap tabular-nums">
            {count(t?.rows)} <span className={muted}>({count(t?.closes)} closed)</span>
          </Td>
        </>
      );
    }
    default:
      return null;
  }
}

function predicts(model: ModelVersion): string {
  switch (model.kind) {
    case "lead_conversion":
      return `Becoming a deal within ${model.metrics.horizonDays ?? 90} days`;
    case "expected_return": {
      const i = (model.metrics as ReturnMetrics).interval;
      return `A deal's realized return${i ? `, with a ${pct(i.lowAlpha)}–${pct(i.highAlpha)} interval` : ""}`;
    }
    case "time_to_close":
      return `Closing within ${((model.metrics as CloseMetrics).horizonsDays ?? [30, 60, 90]).join(", ")} days`;
    case "investor_match": {
      const days = (model.metrics as { windowDays?: number }).windowDays;
      return `An investor being interested in (or investing in) a deal shared with them${days ? `, within ${days} days` : ""}`;
    }
    default:
      return "—";
  }
}

function TrainingCard({ model, info }: { model: ModelVersion; info: KindInfo }) {
  const { metrics } = model;
  const split = metrics.split as { trainRows: number; validationRows: number; testRows: number; embargoedRows?: number } | undefined;
  return (
    <Card>
      <CardHeader>
        <h4 className="font-medium">Training</h4>
      </CardHeader>
      <CardBody>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className={muted}>Predicts</dt>
          <dd>{predicts(model)}</dd>
          <dt className={muted}>History used</dt>
          <dd>
            {day(model.trainingWindow.start)} – {day(model.trainingWindow.end)}
          </dd>
          <dt className={muted}>{info.rowsLabel}</dt>
          <dd>
            {count(model.trainingRows)}
            {split && (
              <span className={muted}>
                {" "}
                ({count(split.trainRows)} train, {count(split.validationRows)} validation, {count(split.testRows)} test
                {split.embargoedRows ? `, ${count(split.embargoedRows)} left out between windows` : ""})
              </span>
            )}
          </dd>
          <dt className={muted}>Trees</dt>
          <dd>{count(model.trees)}</dd>
          <dt className={muted}>At training</dt>
          <dd>
            {metrics.promotion?.reason ?? "—"}
            {model.promotedAt && <span className={muted}> · last activated {day(model.promotedAt)}</span>}
          </dd>
          {model.note && (
            <>
              <dt className={muted}>Note</dt>
              <dd>{model.note}</dd>
            </>
          )}
        </dl>
      </CardBody>
    </Card>
  );
}

function MetricsCard({ title, children, footnote }: { title: string; children: ReactNode; footnote: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <h4 className="font-medium">Metrics</h4>
      </CardHeader>
      <Table aria-label={title}>{children}</Table>
      <CardBody className={`text-xs ${muted}`}>{footnote}</CardBody>
    </Card>
  );
}

const CLASSIFICATION_WINDOWS: { key: "test" | "testUncalibrated" | "validation"; label: string }[] = [
  { key: "test", label: "Held-out test window" },
  { key: "testUncalibrated", label: "Test window, before calibration" },
  { key: "validation", label: "Validation window" },
];

const RETURN_WINDOWS: { key: "test" | "testUnconformalized" | "validation"; label: string }[] = [
  { key: "test", label: "Held-out test" },
  { key: "testUnconformalized", label: "Test, before conformal step" },
  { key: "validation", label: "Validation" },
];

function VersionDetails({ model, task, info }: { model: ModelVersion; task: ModelTask; info: KindInfo }) {
  const name = `${info.subject} v${model.version}`;
  return (
    <div className="space-y-6" role="group" aria-labelledby={`version-details-${model.kind}`}>
      <h3 id={`version-details-${model.kind}`} className="text-base font-semibold">
        {info.title} · version {model.version}
        {model.active && <span className="ml-2 text-sm font-normal text-emerald-700 dark:text-emerald-400">active</span>}
      </h3>
      {/* The regression's metrics table is the widest: it gets three fifths of the row. */}
      <div className={task === "regression" ? "grid gap-6 lg:grid-cols-5 [&>*:first-child]:lg:col-span-2 [&>*:last-child]:lg:col-span-3" : "grid gap-6 lg:grid-cols-2"}>
        <TrainingCard model={model} info={info} />
        {task === "classification" && <ClassificationMetrics model={model} name={name} />}
        {task === "regression" && <ReturnMetricsCard model={model} name={name} />}
        {task === "survival" && <CloseMetricsCard model={model} name={name} />}
      </div>
      <Card>
        <CardBody>
          <FeatureImportanceChart items={model.featureImportance} version={model.version} subject={model.kind === "lead_conversion" ? undefined : info.subject} />
          {model.kind === "expected_return" && <p className={`mt-2 text-xs ${muted}`}>Of the point-estimate trees (the interval's two quantile models are not shown).</p>}
        </CardBody>
      </Card>
      {task === "classification" && (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card aria-labelledby={`calibration-heading-${model.kind}`}>
            <CardHeader>
              <h4 id={`calibration-heading-${model.kind}`} className="font-medium">
                Calibration
              </h4>
            </CardHeader>
            <CardBody className="space-y-3 text-sm">
              <p>
                Expected calibration error on the held-out window: <strong className="tabular-nums">{fixed(model.metrics.test?.ece)}</strong>
                {model.metrics.testUncalibrated && <span className={muted}> (before calibration {fixed(model.metrics.testUncalibrated.ece)})</span>}. A
                well-calibrated model&apos;s dots lie on the dashed diagonal: of the rows it gave 20%, about 20% had the outcome.
              </p>
              <CalibrationPlot diagram={model.calibration} version={model.version} subject={info.subject} outcome={info.outcome} />
            </CardBody>
          </Card>
          {model.kind === "lead_conversion" && <DriftCard />}
        </div>
      )}
    </div>
  );
}

function ClassificationMetrics({ model, name }: { model: ModelVersion; name: string }) {
  const windows = CLASSIFICATION_WINDOWS.filter((w) => model.metrics[w.key]).map((w) => ({ ...w, m: model.metrics[w.key] as WindowMetrics }));
  return (
    <MetricsCard
      title={`Metrics of ${name}`}
      footnote={
        <>
          AUC: how well it ranks the rows that had the outcome above those that didn&apos;t (0.5 is chance, 1 is perfect). Log-loss, Brier and ECE (expected calibration error): lower is better.
        </>
      }
    >
      <thead>
        <tr>
          <Th>Window</Th>
          <Th className="text-right">AUC</Th>
          <Th className="text-right">Log-loss</Th>
          <Th className="text-right">Brier</Th>
          <Th className="text-right">ECE</Th>
          <Th className="text-right">Rows</Th>
        </tr>
      </thead>
      <tbody>
        {windows.map(({ key, label, m }) => (
          <tr key={key}>
            <Td>{label}</Td>
            <Td className="text-right tabular-nums">{fixed(m.auc)}</Td>
            <Td className="text-right tabular-nums">{fixed(m.logLoss)}</Td>
            <Td className="text-right tabular-nums">{fixed(m.brier)}</Td>
            <Td className="text-right tabular-nums">{fixed(m.ece)}</Td>
            <Td className="text-right tabular-nums">{count(m.rows)}</Td>
          </tr>
        ))}
      </tbody>
    </MetricsCard>
  );
}

function ReturnMetricsCard({ model, name }: { model: ModelVersion; name: string }) {
  const metrics = model.metrics as ReturnMetrics;
  const windows = RETURN_WINDOWS.filter((w) => metrics[w.key]).map((w) => ({ ...w, m: metrics[w.key] as ReturnWindowMetrics }));
  const nominal = metrics.interval ? metrics.interval.highAlpha - metrics.interval.lowAlpha : 0.8;
  return (
    <MetricsCard
      title={`Metrics of ${name}`}
      footnote={
        <>
          RMSE, MAE, baseline and width in percentage points of return. RMSE and MAE: lower is better, and below the baseline (every deal
          predicted at the training deals&apos; mean) the model adds something. Coverage: the share of deals whose realized return fell inside the
          interval — {pct(nominal)} is the target; width: the interval&apos;s mean width.
        </>
      }
    >
      <thead>
        <tr>
          <Th>Window</Th>
          <Th className="text-right">RMSE</Th>
          <Th className="text-right">MAE</Th>
          <Th className="text-right">Baseline</Th>
          <Th className="text-right">Coverage</Th>
          <Th className="text-right">Width</Th>
          <Th className="text-right">Deals</Th>
        </tr>
      </thead>
      <tbody>
        {windows.map(({ key, label, m }) => (
          <tr key={key}>
            <Td>{label}</Td>
            <Td className="text-right tabular-nums">{points(m.rmse)}</Td>
            <Td className="text-right tabular-nums">{points(m.mae)}</Td>
            <Td className="text-right tabular-nums">{points(m.baselineRmse)}</Td>
            <Td className="text-right tabular-nums">{pct(m.coverage)}</Td>
            <Td className="text-right tabular-nums">{points(m.meanWidth)}</Td>
            <Td className="text-right tabular-nums">{count(m.rows)}</Td>
          </tr>
        ))}
      </tbody>
    </MetricsCard>
  );
}

function CloseMetricsCard({ model, name }: { model: ModelVersion; name: string }) {
  const metrics = model.metrics as CloseMetrics;
  const windows = [
    { key: "test", label: "Held-out test window", m: metrics.test },
    { key: "validation", label: "Validation window", m: metrics.validation },
  ].filter((w) => w.m);
  const calibration = metrics.test?.calibration ?? [];
  return (
    <div className="space-y-6">
      <MetricsCard
        title={`Metrics of ${name}`}
        footnote={<>Concordance: how often, of two deals, the one that closed sooner was given the higher chance to close (0.5 is chance, 1 is perfect).</>}
      >
        <thead>
          <tr>
            <Th>Window</Th>
            <Th className="text-right">Concordance</Th>
            <Th className="text-right">Deals</Th>
            <Th className="text-right">Closed</Th>
          </tr>
        </thead>
        <tbody>
          {windows.map(({ key, label, m }) => (
            <tr key={key}>
              <Td>{label}</Td>
              <Td className="text-right tabular-nums">{fixed(m!.concordance)}</Td>
              <Td className="text-right tabular-nums">{count(m!.rows)}</Td>
              <Td className="text-right tabular-nums">{count(m!.closes)}</Td>
            </tr>
          ))}
        </tbody>
      </MetricsCard>
      {calibration.length > 0 && (
        <Card>
          <CardHeader>
            <h4 className="font-medium">Predicted vs observed closings</h4>
          </CardHeader>
          <Table aria-label={`Close-rate calibration of ${name}`}>
            <thead>
              <tr>
                <Th>Within</Th>
                <Th className="text-right">Predicted</Th>
                <Th className="text-right">Observed</Th>
              </tr>
            </thead>
            <tbody>
              {calibration.map((c) => (
                <tr key={c.days}>
                  <Td>{c.days} days</Td>
                  <Td className="text-right tabular-nums">{pct(c.predicted, 1)}</Td>
                  <Td className="text-right tabular-nums">{pct(c.observed, 1)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <CardBody className={`text-xs ${muted}`}>On the held-out deals: the mean predicted chance to close, and the share that did (Kaplan–Meier, lost deals censored).</CardBody>
        </Card>
      )}
    </div>
  );
}
