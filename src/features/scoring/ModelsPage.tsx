import { BrainCircuit } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { canManageMembers, useActiveMembership } from "@/features/orgs/useActiveMembership";
import { errorMessage } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { Table, Td, Th } from "@/ui/Table";
import { toast } from "@/ui/toastStore";
import { count, day, fixed, muted, pct, points } from "./modelFigures";
import { kindInfo } from "./modelKinds";
import { VersionDetails } from "./ModelVersionDetails";
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
} from "./scoringApi";



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

  const groups = data?.kinds ?? [];

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

