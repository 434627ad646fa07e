import { Link } from "@tanstack/react-router";
import { Building2, CalendarDays, Inbox, MapPin } from "lucide-react";
import { useEffect, useState } from "react";
import type { PortalOpportunity } from "@/domain/portal";
import { errorMessage, isApiError } from "@/lib/apiError";
import { formatDate } from "@/lib/format";
import { isAbortError } from "@/lib/http";
import { formatDay, formatMoney, placeLabel, propertyTypeLabel } from "@/features/investors/format";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { Spinner } from "@/ui/Spinner";
import { listSharedDeals } from "./portalApi";
import { ResponseBadge } from "./ResponseBadge";

type Load = { status: "loading" } | { status: "ready"; items: PortalOpportunity[] } | { status: "forbidden" } | { status: "error"; message: string };

/** /portal: the deals shared with the signed-in investor, newest first, each with their current answer. */
export function PortalPage() {
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listSharedDeals(controller.signal).then(
      ({ items }) => setLoad({ status: "ready", items: [...items].sort((a, b) => b.sharedAt.localeCompare(a.sharedAt)) }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        setLoad(isApiError(error) && error.status === 403 ? { status: "forbidden" } : { status: "error", message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const waiting = load.status === "ready" ? load.items.filter((d) => d.response === null).length : 0;

  return (
    <div className="mx-auto max-w-4xl">
      <header className="mb-8 space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Deals shared with you</h1>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          {load.status === "ready" && load.items.length > 0
            ? waiting > 0
              ? `${waiting} of ${load.items.length} waiting for your answer. Open a deal to see its numbers and tell us what you think.`
              : "You've answered every deal. We'll let you know when there's a new one."
            : "Opportunities your contact thinks fit what you look for."}
        </p>
      </header>

      {load.status === "loading" && <Spinner label="Loading your deals" />}
      {load.status === "forbidden" && (
        <Notice title="This area is for investors">It lists the deals a firm has shared with you as an investor.</Notice>
      )}
      {load.status === "error" && (
        <Notice
          title="Couldn't load your deals"
          action={
            <Button variant="secondary" onClick={() => { setLoad({ status: "loading" }); setAttempt((n) => n + 1); }}>
              Retry
            </Button>
          }
        >
          {load.message}
        </Notice>
      )}
      {load.status === "ready" && load.items.length === 0 && (
        <Notice icon={<Inbox className="size-5" aria-hidden="true" />} title="Nothing shared with you yet">
          When your contact shares a deal with you, it will appear here.
        </Notice>
      )}
      {load.status === "ready" && load.items.length > 0 && (
        <ul aria-label="Shared deals" className="grid gap-4 sm:grid-cols-2">
          {load.items.map((deal) => (
            <li key={deal.id}>
              <DealCard deal={deal} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DealCard({ deal }: { deal: PortalOpportunity }) {
  return (
    <Card className="group relative flex h-full flex-col gap-4 p-5 transition-shadow focus-within:ring-2 focus-within:ring-accent-500/40 hover:shadow-md">
      <div className="flex items-start justify-between gap-3">
        <h2 className="text-base leading-snug font-semibold">
          <Link
            to="/portal/opportunities/$opportunityId"
            params={{ opportunityId: deal.id }}
            className="after:absolute after:inset-0 after:content-[''] focus:outline-none"
          >
            {deal.title}
          </Link>
        </h2>
        <ResponseBadge response={deal.response} />
      </div>
      <p className="text-2xl font-semibold tracking-tight tabular-nums">{deal.value === null ? "Amount to be confirmed" : formatMoney(deal.value)}</p>
      <dl className="grid gap-1.5 text-sm text-zinc-600 dark:text-zinc-300">
        <div className="flex items-center gap-2">
          <dt>
            <MapPin className="size-4 text-zinc-400" aria-hidden="true" />
            <span className="sr-only">Location</span>
          </dt>
          <dd>{placeLabel(deal.city, deal.state, deal.zip)}</dd>
        </div>
        <div className="flex items-center gap-2">
          <dt>
            <Building2 className="size-4 text-zinc-400" aria-hidden="true" />
            <span className="sr-only">Property type</span>
          </dt>
          <dd>{propertyTypeLabel(deal.propertyType)}</dd>
        </div>
        <div className="flex items-center gap-2">
          <dt>
            <CalendarDays className="size-4 text-zinc-400" aria-hidden="true" />
            <span className="sr-only">Expected close</span>
          </dt>
          <dd>{deal.expectedCloseDate ? `Expected to close ${formatDay(deal.expectedCloseDate)}` : "Close date to be confirmed"}</dd>
        </div>
      </dl>
      <p className="mt-auto text-xs text-zinc-500 dark:text-zinc-400">Shared {formatDate(deal.sharedAt)}</p>
    </Card>
  );
}
