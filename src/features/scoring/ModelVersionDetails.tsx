import type { ReactNode } from "react";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Table, Td, Th } from "@/ui/Table";
import { CalibrationPlot } from "./CalibrationPlot";
import { DriftCard } from "./DriftCard";
import { FeatureImportanceChart } from "./FeatureImportanceChart";
import { count, day, fixed, muted, pct, points } from "./modelFigures";
import type { KindInfo } from "./modelKinds";
import type { CloseMetrics, ModelTask, ModelVersion, ReturnMetrics, ReturnWindowMetrics, WindowMetrics } from "./scoringApi";

// The selected version of a model on the Models page: what it predicts and was trained on, its metrics per window
// (by task), feature importance, the calibration plot for classifiers and drift for the lead model.

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

interface MetricsColumn<M> {
  header: string;
  cell: (m: M) => ReactNode;
}

/** One row per evaluation window (held-out test, validation …), one column per figure. */
function MetricsCard<M>({ title, windows, columns, footnote }: { title: string; windows: { key: string; label: string; m: M }[]; columns: MetricsColumn<M>[]; footnote: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <h4 className="font-medium">Metrics</h4>
      </CardHeader>
      <Table aria-label={title}>
        <thead>
          <tr>
            <Th>Window</Th>
            {columns.map((c) => (
              <Th key={c.header} className="text-right">
                {c.header}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {windows.map(({ key, label, m }) => (
            <tr key={key}>
              <Td>{label}</Td>
              {columns.map((c) => (
                <Td key={c.header} className="text-right tabular-nums">
                  {c.cell(m)}
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
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

export function VersionDetails({ model, task, info }: { model: ModelVersion; task: ModelTask; info: KindInfo }) {
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

const CLASSIFICATION_COLUMNS: MetricsColumn<WindowMetrics>[] = [
  { header: "AUC", cell: (m) => fixed(m.auc) },
  { header: "Log-loss", cell: (m) => fixed(m.logLoss) },
  { header: "Brier", cell: (m) => fixed(m.brier) },
  { header: "ECE", cell: (m) => fixed(m.ece) },
  { header: "Rows", cell: (m) => count(m.rows) },
];

function ClassificationMetrics({ model, name }: { model: ModelVersion; name: string }) {
  const windows = CLASSIFICATION_WINDOWS.filter((w) => model.metrics[w.key]).map((w) => ({ ...w, m: model.metrics[w.key] as WindowMetrics }));
  return (
    <MetricsCard
      title={`Metrics of ${name}`}
      windows={windows}
      columns={CLASSIFICATION_COLUMNS}
      footnote={
        <>
          AUC: how well it ranks the rows that had the outcome above those that didn&apos;t (0.5 is chance, 1 is perfect). Log-loss, Brier and ECE (expected calibration error): lower is better.
        </>
      }
    />
  );
}

const RETURN_COLUMNS: MetricsColumn<ReturnWindowMetrics>[] = [
  { header: "RMSE", cell: (m) => points(m.rmse) },
  { header: "MAE", cell: (m) => points(m.mae) },
  { header: "Baseline", cell: (m) => points(m.baselineRmse) },
  { header: "Coverage", cell: (m) => pct(m.coverage) },
  { header: "Width", cell: (m) => points(m.meanWidth) },
  { header: "Deals", cell: (m) => count(m.rows) },
];

function ReturnMetricsCard({ model, name }: { model: ModelVersion; name: string }) {
  const metrics = model.metrics as ReturnMetrics;
  const windows = RETURN_WINDOWS.filter((w) => metrics[w.key]).map((w) => ({ ...w, m: metrics[w.key] as ReturnWindowMetrics }));
  const nominal = metrics.interval ? metrics.interval.highAlpha - metrics.interval.lowAlpha : 0.8;
  return (
    <MetricsCard
      title={`Metrics of ${name}`}
      windows={windows}
      columns={RETURN_COLUMNS}
      footnote={
        <>
          RMSE, MAE, baseline and width in percentage points of return. RMSE and MAE: lower is better, and below the baseline (every deal
          predicted at the training deals&apos; mean) the model adds something. Coverage: the share of deals whose realized return fell inside the
          interval — {pct(nominal)} is the target; width: the interval&apos;s mean width.
        </>
      }
    />
  );
}

type CloseWindow = NonNullable<CloseMetrics["validation"]>;

const CLOSE_COLUMNS: MetricsColumn<CloseWindow>[] = [
  { header: "Concordance", cell: (m) => fixed(m.concordance) },
  { header: "Deals", cell: (m) => count(m.rows) },
  { header: "Closed", cell: (m) => count(m.closes) },
];

function CloseMetricsCard({ model, name }: { model: ModelVersion; name: string }) {
  const metrics = model.metrics as CloseMetrics;
  const windows = [
    { key: "test", label: "Held-out test window", m: metrics.test },
    { key: "validation", label: "Validation window", m: metrics.validation },
  ].filter((w): w is { key: string; label: string; m: CloseWindow } => Boolean(w.m));
  const calibration = metrics.test?.calibration ?? [];
  return (
    <div className="space-y-6">
      <MetricsCard
        title={`Metrics of ${name}`}
        windows={windows}
        columns={CLOSE_COLUMNS}
        footnote={<>Concordance: how often, of two deals, the one that closed sooner was given the higher chance to close (0.5 is chance, 1 is perfect).</>}
      />
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

