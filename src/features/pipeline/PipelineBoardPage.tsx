import { useNavigate, useSearch } from "@tanstack/react-router";
import { KanbanSquare, SearchX } from "lucide-react";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { PipelineStage } from "@/domain/pipeline";
import { MANAGER_ROLES } from "@/domain/roles";
import { useActiveMembership } from "@/features/orgs/useActiveMembership";
import { useMembers } from "@/features/orgs/useMembers";
import { cn } from "@/lib/cn";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { Board } from "./Board";
import { findCard } from "./boardState";
import { LostReasonDialog } from "./LostReasonDialog";
import { formatMoneyCompact } from "./money";
import { NewDealDialog } from "./NewDealDialog";
import { PipelineFilters, type PipelineSearchUpdate } from "./PipelineFilters";
import { activePipelineFilters, parsePipelineSearch, pipelineQuery, type PipelineSearch } from "./pipelineSearch";
import { StageSettingsDialog } from "./StageSettingsDialog";
import { type MoveOrigin, usePipeline } from "./usePipeline";

const minuteNow = () => Math.floor(Date.now() / 60_000) * 60_000;

/** The start of the current minute, renewed every minute (for "12 d in stage"). */
function useMinute(): number {
  const [now, setNow] = useState(minuteNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(minuteNow()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * /pipeline: the deals of the org as a Kanban board. Filters live in the URL (validated by pipelineSearch.ts);
 * moves show at once and are undone with a message when the server refuses; moving to a lost stage asks why.
 */
export function PipelineBoardPage() {
  const raw = useSearch({ strict: false }) as Record<string, unknown>;
  const rawKey = JSON.stringify(raw);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content: the router hands a new object on every navigation
  const search = useMemo(() => parsePipelineSearch(raw), [rawKey]);
  const navigate = useNavigate();
  const onSearchChange = useCallback<PipelineSearchUpdate>(
    (update) => void navigate({ to: "/pipeline", search: update(search) as never, replace: true }),
    [navigate, search],
  );
  return <PipelineBoard search={search} onSearchChange={onSearchChange} />;
}

export function PipelineBoard({ search, onSearchChange }: { search: PipelineSearch; onSearchChange: PipelineSearchUpdate }) {
  const pipeline = usePipeline(pipelineQuery(search));
  const { members } = useMembers();
  const role = useActiveMembership()?.role;
  const now = useMinute();
  const [lost, setLost] = useState<{ origin: MoveOrigin; stageName: string } | null>(null);
  const { place, move, save, revert, columns } = pipeline;

  const onMove = useCallback(
    (cardId: string, stageId: string, index: number) => {
      const stage = columns.find((c) => c.id === stageId);
      const at = findCard(columns, cardId);
      if (stage?.kind === "lost" && at && at.column.id !== stageId) {
        const origin = place(cardId, stageId, index);
        if (origin) setLost({ origin, stageName: stage.name });
        return;
      }
      move(cardId, stageId, index);
    },
    [columns, place, move],
  );

  const stages = useMemo<PipelineStage[]>(() => columns.map(({ id, name, position, kind, probability }) => ({ id, name, position, kind, probability })), [columns]);
  const totals = useMemo(() => {
    let count = 0, value = 0, weighted = 0;
    for (const c of columns) {
      if (c.kind !== "open") continue;
      count += c.count;
      value += c.totalValue;
      weighted += c.weightedValue;
    }
    return { count, value, weighted };
  }, [columns]);
  const filtered = activePipelineFilters(search) > 0;
  const empty = pipeline.status === "ready" && columns.every((c) => c.count === 0);

  return (
    <>
      <PageHeader
        title="Pipeline"
        description={
          pipeline.status === "ready" || columns.length > 0
            ? `${totals.count} open deal${totals.count === 1 ? "" : "s"} · ${formatMoneyCompact(totals.value)} total · ${formatMoneyCompact(totals.weighted)} weighted`
            : "Every deal, stage by stage."
        }
        actions={
          <>
            {role !== undefined && MANAGER_ROLES.includes(role) && columns.length > 0 && <StageSettingsDialog stages={stages} onSaved={pipeline.reload} />}
            <NewDealDialog stages={stages} members={members} onCreated={(deal) => pipeline.add(deal)} />
          </>
        }
      />
      <PipelineFilters search={search} onSearchChange={onSearchChange} members={members} />
      {pipeline.status === "loading" && columns.length === 0 && (
        <Card className="p-5">
          <Spinner label="Loading the pipeline" />
        </Card>
      )}
      {pipeline.status === "error" && (
        <Notice title="Couldn't load the pipeline" action={<Button variant="secondary" onClick={pipeline.reload}>Retry</Button>}>
          {pipeline.error}
        </Notice>
      )}
      {empty && filtered && (
        <div className="mb-4">
          <Notice
            icon={<SearchX className="size-5" aria-hidden="true" />}
            title="No deals match these filters"
            action={<Button variant="secondary" onClick={() => onSearchChange(() => ({}))}>Clear filters</Button>}
          />
        </div>
      )}
      {empty && !filtered && (
        <div className="mb-4">
          <Notice icon={<KanbanSquare className="size-5" aria-hidden="true" />} title="No deals yet">
            Add a deal, or convert a lead into one from its page.
          </Notice>
        </div>
      )}
      {columns.length > 0 && pipeline.status !== "error" && (
        <div aria-busy={pipeline.status === "loading" || undefined} className={cn("transition-opacity", pipeline.status === "loading" && "opacity-60")}>
          <Board columns={columns} pending={pipeline.pending} now={now} onMove={onMove} />
        </div>
      )}
      <LostReasonDialog
        open={lost !== null}
        dealTitle={lost?.origin.card.title ?? ""}
        stageName={lost?.stageName ?? ""}
        onCancel={() => {
          if (lost) revert(lost.origin);
          setLost(null);
        }}
        onConfirm={(reason) => {
          if (lost) void save(lost.origin, reason);
          setLost(null);
        }}
      />
    </>
  );
}
