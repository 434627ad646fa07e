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

