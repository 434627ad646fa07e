import type { Activity } from "@/domain/leadWork";
import { formatDate } from "@/lib/format";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { describeActivity, type NameOf } from "../describeActivity";

/** The lead's history in words, newest first, a page at a time. */
export function TimelineCard({ items, hasMore, onLoadMore, nameOf }: { items: Activity[]; hasMore: boolean; onLoadMore: () => void; nameOf: NameOf }) {
  return (
    <Card>
      <CardHeader><h2 className="font-medium">Timeline</h2></CardHeader>
      <CardBody>
        <ol className="space-y-3" aria-label="Timeline">
          {items.map((a) => {
            const { title, details } = describeActivity(a, nameOf);
            return (
              <li key={a.id} className="border-l-2 border-zinc-200 pl-3 dark:border-zinc-700">
                <p className="text-sm font-medium">{title}</p>
                {details.map((d, i) => <p key={i} className="text-sm whitespace-pre-wrap text-zinc-600 dark:text-zinc-300">{d}</p>)}
                <p className="text-xs text-zinc-500">{[a.actorName, formatDate(a.occurredAt)].filter(Boolean).join(" · ")}</p>
              </li>
            );
          })}
        </ol>
        {hasMore && <Button variant="secondary" size="sm" className="mt-3" onClick={onLoadMore}>Load more</Button>}
      </CardBody>
    </Card>
  );
}
