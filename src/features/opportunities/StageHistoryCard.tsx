import type { OpportunityDetail } from "@/domain/pipeline";
import { formatDate } from "@/lib/format";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { formatDuration } from "@/features/pipeline/money";

/** Every stage the deal has been in, newest first, with how long it stayed there (and how long it has been in the current one). */
export function StageHistoryCard({ deal, now }: { deal: OpportunityDetail; now: number }) {
  const moves = [...deal.history].sort((a, b) => Date.parse(b.movedAt) - Date.parse(a.movedAt));
  const current = Math.max(0, (now - Date.parse(deal.stageEnteredAt)) / 1000);
  return (
    <Card>
      <CardHeader><h2 className="font-medium">Stage history</h2></CardHeader>
      <CardBody>
        <ol className="space-y-2 text-sm" aria-label="Stage history">
          <li className="flex justify-between gap-3">
            <span><span className="font-medium">{deal.stage.name}</span> (now)</span>
            <span className="text-zinc-500 tabular-nums">{formatDuration(current)} so far</span>
          </li>
          {moves.map((m, i) => {
            // The stage this move left is the previous entry's stage; the time in it comes with the move.
            const leftStage = m.fromStageName;
            return (
              <li key={m.id} className="flex justify-between gap-3 border-t border-zinc-100 pt-2 dark:border-zinc-800">
                <span>
                  {leftStage ? <>{leftStage} → {m.toStageName}</> : <>Entered {m.toStageName}</>}
                  <span className="block text-xs text-zinc-500">{[m.movedByName, formatDate(m.movedAt)].filter(Boolean).join(" · ")}</span>
                </span>
                {m.secondsInPreviousStage !== null && leftStage && (
                  <span className="text-zinc-500 tabular-nums" aria-label={`${formatDuration(m.secondsInPreviousStage)} in ${leftStage}`} data-index={i}>
                    {formatDuration(m.secondsInPreviousStage)} in {leftStage}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </CardBody>
    </Card>
  );
}
