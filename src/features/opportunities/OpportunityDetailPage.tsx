import { Link } from "@tanstack/react-router";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Activity } from "@/domain/leadWork";
import type { OpportunityDetail, PipelineStage, UpdateOpportunityRequest } from "@/domain/pipeline";
import { useMembers } from "@/features/orgs/useMembers";
import { LostReasonDialog } from "@/features/pipeline/LostReasonDialog";
import { daysSince, formatDay } from "@/features/pipeline/money";
import { ApiError, errorMessage, isApiError } from "@/lib/apiError";
import { formatPhone } from "@/lib/format";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Field } from "@/ui/Field";
import { Select } from "@/ui/Input";
import { Notice } from "@/ui/Notice";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { DealAnalyzer } from "./DealAnalyzer";
import { DealDetailsForm } from "./DealDetailsForm";
import { money } from "./format";
import { MatchesCard } from "./MatchesCard";
import { ExitCard } from "./ExitCard";
import { getOpportunity, listActivities, listStages, moveOpportunity, patchOpportunity, recordExit } from "./opportunityApi";
import { PropertyCard } from "./PropertyCard";
import { StageHistoryCard } from "./StageHistoryCard";
import { TasksCard } from "@/features/tasks/TasksCard";
import { DealForecastCard } from "@/features/scoring/DealForecastCard";
import { TimelineCard } from "./TimelineCard";

const CONFLICT = "Someone else changed this deal in the meantime. It has been reloaded: check it and try again.";

/** A deal: header fields and stage, property, linked lead, stage history, tasks, investor matches, notes and timeline, and the deal analyzer. */
export function OpportunityDetailPage({ opportunityId }: { opportunityId: string }) {
  const [deal, setDealState] = useState<OpportunityDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [stages, setStages] = useState<PipelineStage[]>([]);
  const [timeline, setTimeline] = useState<Activity[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [lostStage, setLostStage] = useState<PipelineStage | null>(null);
  const [now] = useState(() => Date.now());
  const { members } = useMembers();
  const dealRef = useRef<OpportunityDetail | null>(null);
  const setDeal = useCallback((d: OpportunityDetail) => {
    dealRef.current = d;
    setDealState(d);
  }, []);

  const reloadTimeline = useCallback(async () => {
    try {
      const page = await listActivities(opportunityId);
      setTimeline(page.items);
      setCursor(page.nextCursor);
    } catch {
      toast({ title: "Couldn't load the timeline", variant: "error" });
    }
  }, [opportunityId]);

  const reload = useCallback(
    () =>
      getOpportunity(opportunityId).then(setDeal, (err: unknown) =>
        err instanceof ApiError && err.status === 404 ? setMissing(true) : toast({ title: "Couldn't load the deal", description: errorMessage(err), variant: "error" }),
      ),
    [opportunityId, setDeal],
  );

  useEffect(() => {
    void reload();
    listActivities(opportunityId).then(
      (page) => {
        setTimeline(page.items);
        setCursor(page.nextCursor);
      },
      () => toast({ title: "Couldn't load the timeline", variant: "error" }),
    );
    listStages().then(setStages, () => toast({ title: "Couldn't load the stages", variant: "error" }));
  }, [reload, opportunityId]);

  /** PATCH with the version read; a stale one reloads the deal and says so; other refusals go back to the form. */
  const save = useCallback(
    async (patch: Omit<UpdateOpportunityRequest, "version">, what: string) => {
      const current = dealRef.current;
      if (!current) return;
      try {
        setDeal(await patchOpportunity(current.id, { ...patch, version: current.version }));
        toast({ title: `${what} saved`, variant: "success" });
        void reloadTimeline();
      } catch (err) {
        if (isApiError(err) && err.status === 409) {
          toast({ title: `Couldn't save the ${what.toLowerCase()}`, description: CONFLICT, variant: "error" });
          void reload();
          return;
        }
        throw err;
      }
    },
    [setDeal, reload, reloadTimeline],
  );

  const move = async (stageId: string, lostReason?: string) => {
    const current = dealRef.current;
    if (!current) return;
    try {
      await moveOpportunity(current.id, { stageId, position: 0, version: current.version, ...(lostReason ? { lostReason } : {}) });
      toast({ title: `Moved to ${stages.find((s) => s.id === stageId)?.name ?? "the stage"}`, variant: "success" });
    } catch (err) {
      toast({ title: "Couldn't move the deal", description: isApiError(err) && err.status === 409 ? CONFLICT : errorMessage(err), variant: "error" });
    }
    void reload();
    void reloadTimeline();
  };

  if (missing) {
    return (
      <Notice title="Deal not found" action={<Link to="/pipeline" className="text-accent-600 underline">Back to the pipeline</Link>}>
        It may have been deleted, or belong to another org.
      </Notice>
    );
  }
  if (!deal) return <Spinner label="Loading the deal" />;

  const nameOf = (id: string) => members.find((m) => m.userId === id)?.fullName || members.find((m) => m.userId === id)?.email;
  const probability = deal.probability ?? deal.stage.probability;
  const stageOptions = stages.length > 0 ? stages : [deal.stage];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <Link to="/pipeline" className="text-sm text-zinc-500 hover:underline">← Pipeline</Link>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">{deal.title}</h1>
          <p className="text-sm text-zinc-500">
            {money(deal.value)} · {probability}% · {money(((deal.value ?? 0) * probability) / 100)} weighted · {daysSince(deal.stageEnteredAt, now)} d in {deal.stage.name}
            {deal.expectedCloseDate ? ` · closes ${formatDay(deal.expectedCloseDate)}` : ""}
          </p>
          {deal.lostReason && <p className="mt-1 text-sm text-red-600 dark:text-red-400">Lost: {deal.lostReason}</p>}
        </div>
        <Field label="Stage" className="w-56">
          {(c) => (
            <Select
              {...c}
              value={deal.stageId}
              onChange={(e) => {
                const stage = stageOptions.find((s) => s.id === e.target.value);
                if (!stage) return;
                if (stage.kind === "lost") setLostStage(stage);
                else void move(stage.id);
              }}
            >
              {stageOptions.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </Select>
          )}
        </Field>
      </div>

      <Card>
        <CardBody>
          <DealDetailsForm deal={deal} members={members} onSave={(patch) => save(patch, "Details")} />
        </CardBody>
      </Card>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6">
          <PropertyCard deal={deal} onSave={(property) => save({ property }, "Property")} />
          <Card>
            <CardHeader><h2 className="font-medium">Linked lead</h2></CardHeader>
            <CardBody className="text-sm">
              {deal.lead ? (
                <div className="space-y-1">
                  <Link to="/leads/$leadId" params={{ leadId: deal.lead.id }} className="font-medium text-accent-700 hover:underline dark:text-accent-400">{deal.lead.name}</Link>
                  {deal.lead.email && <p className="text-zinc-600 dark:text-zinc-300">{deal.lead.email}</p>}
                  {deal.lead.phone && <p className="text-zinc-600 dark:text-zinc-300">{formatPhone(deal.lead.phone)}</p>}
                </div>
              ) : (
                <p className="text-zinc-500">Added straight to the board, not from a lead.</p>
              )}
            </CardBody>
          </Card>
          <StageHistoryCard deal={deal} now={now} />
          {deal.stage.kind === "won" && (
            <ExitCard
              deal={deal}
              onRecord={async (exit) => {
                setDeal(await recordExit(deal.id, exit));
                toast({ title: "Exit recorded", variant: "success" });
                void reloadTimeline();
              }}
            />
          )}
          <DealForecastCard opportunityId={deal.id} />
          <TasksCard subject={{ kind: "opportunity", id: deal.id }} members={members} onChanged={() => void reloadTimeline()} />
        </div>
        <div className="space-y-6 lg:col-span-2">
          <MatchesCard
            opportunityId={deal.id}
            shares={deal.shares}
            onShared={(items) => {
              const d = dealRef.current;
              if (d) setDeal({ ...d, shares: [...d.shares.filter((s) => !items.some((i) => i.investorId === s.investorId)), ...items] });
              void reloadTimeline();
            }}
          />
          <TimelineCard
            opportunityId={deal.id}
            items={timeline}
            hasMore={cursor !== null}
            nameOf={nameOf}
            onNote={(a) => setTimeline((t) => [a, ...(t ?? [])])}
            onLoadMore={async () => {
              const page = await listActivities(deal.id, cursor);
              setTimeline((t) => [...(t ?? []), ...page.items]);
              setCursor(page.nextCursor);
            }}
          />
        </div>
      </div>

      <DealAnalyzer key={deal.id} deal={deal} onSave={(analysis) => save({ analysis }, "Analysis")} />

      <LostReasonDialog
        open={lostStage !== null}
        dealTitle={deal.title}
        stageName={lostStage?.name ?? ""}
        onCancel={() => setLostStage(null)}
        onConfirm={(reason) => {
          if (lostStage) void move(lostStage.id, reason);
          setLostStage(null);
        }}
      />
    </div>
  );
}
