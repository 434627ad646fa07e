import { BrainCircuit } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
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
import { DriftCard } from "./DriftCard";
import { FeatureImportanceChart } from "./FeatureImportanceChart";
import { activateModel, listModels, trainModel, type ModelVersion, type ModelsOverview, type WindowMetrics } from "./scoringApi";

const fixed = (v: number | undefined, digits = 3) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "—");
const count = (v: number | undefined) => (typeof v === "number" ? v.toLocaleString("en-US") : "—");
const day = (v: string | number | null | undefined) => (v === null || v === undefined ? "—" : formatDate(new Date(v).toISOString()));

/**
 * The org's lead-conversion model versions: held-out metrics, which one is active, feature importance; managers
 * activate a version (promotion by hand or rollback) and queue training.
 */
export function ModelsPage() {
  const [data, setData] = useState<ModelsOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
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
        description: "A new version appears here when the job finishes, and becomes active only if it beats the current one. With too little history no version is stored (see Background jobs).",
        variant: "success",
      });
    } catch (err) {
      toast({ title: "Couldn't queue training", description: errorMessage(err), variant: "error" });
    } finally {
      setBusy(null);
    }
  };

  const activate = async (m: ModelVersion) => {
    setBusy(m.id);
    try {
      await activateModel(m.id);
      toast({ title: `v${m.version} is now active`, description: "New scores use this version.", variant: "success" });
      await load();
    } catch (err) {
      toast({ title: `Couldn't activate v${m.version}`, description: errorMessage(err), variant: "error" });
    } finally {
      setBusy(null);
    }
  };

  const items = data?.items ?? [];
  const selected = items.find((m) => m.id === selectedId) ?? items.find((m) => m.active) ?? items[0] ?? null;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Lead scoring models"
        description="Each trained version of the org's lead-to-deal model: how well it predicted leads it never saw, which one scores leads now, and what it weighs most."
        actions={manager && <Button loading={busy === "train"} onClick={() => void train()}>Train now</Button>}
      />
      {error && <Notice title="Couldn't load the model versions">{error}</Notice>}
      {!data && !error && <Spinner label="Loading the model versions" />}
      {data && items.length === 0 && (
        <Notice icon={<BrainCircuit className="size-5" aria-hidden="true" />} title="Lead scoring isn't trained yet for this org">
          {data.message ?? "No version has been trained."}{" "}
          {manager ? "“Train now” tries with the history there is; it stores a version only when there is enough." : "An owner or admin can train it once there is enough history."}
        </Notice>
      )}
      {data && items.length > 0 && !data.trained && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          No version is active, so leads are not being scored.{manager && " Activate one below."}
        </p>
      )}
      {items.length > 0 && (
        <Card>
          <Table aria-label="Model versions">
            <thead>
              <tr>
                <Th>Version</Th>
                <Th>Status</Th>
                <Th className="text-right">AUC</Th>
                <Th className="text-right">Log-loss</Th>
                <Th className="text-right">Brier</Th>
                <Th className="text-right">Calibration error</Th>
                <Th className="text-right">Test rows</Th>
                <Th>Trained</Th>
                <Th><span className="sr-only">Actions</span></Th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => {
                const t = m.metrics.test;
                const isSelected = selected?.id === m.id;
                return (
                  <tr key={m.id} className={isSelected ? "bg-accent-50/60 dark:bg-accent-950/30" : undefined}>
                    <Td className="font-medium whitespace-nowrap">v{m.version}</Td>
                    <Td>
                      {m.active ? (
                        <span className="inline-flex rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">Active</span>
                      ) : (
                        <span className="text-zinc-500 dark:text-zinc-400">Inactive</span>
                      )}
                    </Td>
                    <Td className="text-right tabular-nums">{fixed(t?.auc)}</Td>
                    <Td className="text-right tabular-nums">{fixed(t?.logLoss)}</Td>
                    <Td className="text-right tabular-nums">{fixed(t?.brier)}</Td>
                    <Td className="text-right tabular-nums">{fixed(t?.ece)}</Td>
                    <Td className="text-right whitespace-nowrap tabular-nums">
                      {count(t?.rows)} <span className="text-zinc-500 dark:text-zinc-400">({count(t?.positives)} deals)</span>
                    </Td>
                    <Td className="whitespace-nowrap">{day(m.createdAt)}</Td>
                    <Td className="text-right whitespace-nowrap">
                      <div className="flex justify-end gap-2">
                        <Button variant="ghost" size="sm" aria-pressed={isSelected} aria-label={`Details of v${m.version}`} onClick={() => setSelectedId(m.id)}>
                          Details
                        </Button>
                        {manager && !m.active && (
                          <Button variant="secondary" size="sm" loading={busy === m.id} disabled={busy !== null} onClick={() => void activate(m)}>
                            {data?.activeVersion !== null && data?.activeVersion !== undefined && m.version < data.activeVersion ? `Roll back to v${m.version}` : `Activate v${m.version}`}
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
      {selected && <VersionDetails model={selected} />}
    </div>
  );
}

const WINDOWS: { key: "test" | "testUncalibrated" | "validation"; label: string }[] = [
  { key: "test", label: "Held-out test window" },
  { key: "testUncalibrated", label: "Test window, before calibration" },
  { key: "validation", label: "Validation window" },
];

function VersionDetails({ model }: { model: ModelVersion }) {
  const { metrics } = model;
  const split = metrics.split;
  const windows = WINDOWS.filter((w) => metrics[w.key]).map((w) => ({ ...w, m: metrics[w.key] as WindowMetrics }));
  return (
    <section aria-labelledby="version-details" className="space-y-6">
      <h2 id="version-details" className="text-lg font-semibold">
        Version {model.version}
        {model.active && <span className="ml-2 text-sm font-normal text-emerald-700 dark:text-emerald-400">active</span>}
      </h2>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <h3 className="font-medium">Training</h3>
          </CardHeader>
          <CardBody>
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
              <dt className="text-zinc-500 dark:text-zinc-400">Predicts</dt>
              <dd>Becoming a deal within {metrics.horizonDays ?? 90} days</dd>
              <dt className="text-zinc-500 dark:text-zinc-400">History used</dt>
              <dd>{day(model.trainingWindow.start)} – {day(model.trainingWindow.end)}</dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Lead snapshots</dt>
              <dd>
                {count(model.trainingRows)}
                {split && (
                  <span className="text-zinc-500 dark:text-zinc-400">
                    {" "}({count(split.trainRows)} train, {count(split.validationRows)} validation, {count(split.testRows)} test{split.embargoedRows ? `, ${count(split.embargoedRows)} left out between windows` : ""})
                  </span>
                )}
              </dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Trees</dt>
              <dd>{count(model.trees)}</dd>
              <dt className="text-zinc-500 dark:text-zinc-400">At training</dt>
              <dd>{metrics.promotion?.reason ?? "—"}{model.promotedAt && <span className="text-zinc-500 dark:text-zinc-400"> · last activated {day(model.promotedAt)}</span>}</dd>
              {model.note && (
                <>
                  <dt className="text-zinc-500 dark:text-zinc-400">Note</dt>
                  <dd>{model.note}</dd>
                </>
              )}
            </dl>
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <h3 className="font-medium">Metrics</h3>
          </CardHeader>
          <Table aria-label={`Metrics of v${model.version}`}>
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
          </Table>
          <CardBody className="text-xs text-zinc-500 dark:text-zinc-400">
            AUC: how well it ranks leads that became deals above those that didn&apos;t (0.5 is chance, 1 is perfect). Log-loss, Brier and ECE (expected calibration error): lower is better.
          </CardBody>
        </Card>
      </div>
      <Card>
        <CardBody>
          <FeatureImportanceChart items={model.featureImportance} version={model.version} />
        </CardBody>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <h3 className="font-medium">Calibration</h3>
          </CardHeader>
          <CardBody className="space-y-2 text-sm">
            <p>
              Expected calibration error on the held-out window: <strong className="tabular-nums">{fixed(metrics.test?.ece)}</strong>
              {metrics.testUncalibrated && <span className="text-zinc-500 dark:text-zinc-400"> (before calibration {fixed(metrics.testUncalibrated.ece)})</span>}.
            </p>
            <p className="text-zinc-500 dark:text-zinc-400">No calibration plot yet: the API reports the error but not the predicted-vs-observed bins to draw it from.</p>
          </CardBody>
        </Card>
        <DriftCard />
      </div>
    </section>
  );
}
