import { Link } from "@tanstack/react-router";
import { useEffect, useState, type ReactNode } from "react";
import type { PortalOpportunity, PortalOpportunityDetail } from "@/domain/portal";
import { formatDay, formatMoney, formatMultiple, formatPercent, placeLabel, propertyTypeLabel } from "@/features/investors/format";
import { errorMessage, isApiError } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { Spinner } from "@/ui/Spinner";
import { InterestForm } from "./InterestForm";
import { getSharedDeal } from "./portalApi";
import { ResponseBadge } from "./ResponseBadge";

type Load = { status: "loading" } | { status: "ready"; deal: PortalOpportunityDetail } | { status: "missing" } | { status: "error"; message: string };

/** A deal shared with the investor: the summary, the analyzer's figures, and their answer. */
export function PortalOpportunityPage({ opportunityId }: { opportunityId: string }) {
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getSharedDeal(opportunityId, controller.signal).then(
      (deal) => setLoad({ status: "ready", deal }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        setLoad(isApiError(error) && (error.status === 404 || error.status === 403) ? { status: "missing" } : { status: "error", message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [opportunityId, attempt]);

  const back = (
    <Link to="/portal" className="text-sm text-zinc-500 hover:underline">
      ← Shared deals
    </Link>
  );

  if (load.status === "loading") return <Spinner label="Loading the deal" />;
  if (load.status === "missing") {
    return (
      <div className="mx-auto max-w-3xl space-y-4">
        {back}
        <Notice title="This deal isn't available">It may no longer be shared with you. Your other deals are on the shared deals page.</Notice>
      </div>
    );
  }
  if (load.status === "error") {
    return (
      <div className="mx-auto max-w-3xl space-y-4">
        {back}
        <Notice
          title="Couldn't load the deal"
          action={
            <Button variant="secondary" onClick={() => { setLoad({ status: "loading" }); setAttempt((n) => n + 1); }}>
              Retry
            </Button>
          }
        >
          {load.message}
        </Notice>
      </div>
    );
  }

  const { deal } = load;
  const answered = (saved: PortalOpportunity) => setLoad({ status: "ready", deal: { ...deal, ...saved } });

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        {back}
        <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
          <div className="space-y-1">
            <h1 className="text-2xl font-semibold tracking-tight">{deal.title}</h1>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              {[placeLabel(deal.city, deal.state, deal.zip), propertyTypeLabel(deal.propertyType)].filter((s) => s !== "—").join(" · ")}
            </p>
          </div>
          <ResponseBadge response={deal.response} />
        </div>
      </div>

      <Card>
        <CardHeader>
          <h2 className="font-medium">The deal</h2>
        </CardHeader>
        <CardBody>
          <dl aria-label="Deal summary" className="grid gap-x-6 gap-y-4 sm:grid-cols-3">
            <Figure label="Amount" value={formatMoney(deal.value)} />
            <Figure label="Expected close" value={deal.expectedCloseDate ? formatDay(deal.expectedCloseDate) : "—"} />
            <Figure label="Stage" value={deal.stageName} />
            <Figure label="Address" value={[deal.street, placeLabel(deal.city, deal.state, deal.zip)].filter((s) => s && s !== "—").join(", ") || "—"} />
            <Figure label="Property" value={propertyFacts(deal)} />
            <Figure label="Year built" value={deal.yearBuilt === null ? "—" : String(deal.yearBuilt)} />
          </dl>
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <h2 className="font-medium">The numbers</h2>
        </CardHeader>
        <CardBody>
          {deal.analysis ? (
            <>
              <dl aria-label="Deal figures" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                <Metric label="Purchase price" value={formatMoney(deal.analysis.purchasePrice)} />
                <Metric label="Cap rate" value={formatPercent(deal.analysis.capRate)} />
                <Metric label="Cash-on-cash" value={formatPercent(deal.analysis.cashOnCash)} />
                <Metric label="DSCR" value={deal.analysis.dscr === null ? "No loan" : deal.analysis.dscr.toFixed(2)} />
                <Metric label="Monthly cash flow" value={formatMoney(deal.analysis.monthlyCashFlow)} tone={deal.analysis.monthlyCashFlow < 0 ? "negative" : undefined} />
                <Metric label="IRR" value={formatPercent(deal.analysis.projection.irr)} />
                <Metric label="Equity multiple" value={formatMultiple(deal.analysis.projection.equityMultiple)} />
                <Metric label="Max. allowable offer" value={formatMoney(deal.analysis.maxAllowableOffer)} />
              </dl>
              <p className="mt-4 text-xs text-zinc-500 dark:text-zinc-400">
                Projections over a {deal.analysis.projection.years.length}-year hold, from the firm's underwriting. Cash invested {formatMoney(deal.analysis.totalCashInvested)}.
              </p>
            </>
          ) : (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">The numbers for this deal aren't ready yet. Ask your contact if you'd like them sooner.</p>
          )}
        </CardBody>
      </Card>

      <AnswerCard deal={deal} onAnswered={answered} />
    </div>
  );
}

function AnswerCard({ deal, onAnswered }: { deal: PortalOpportunity; onAnswered: (d: PortalOpportunity) => void }) {
  const [changing, setChanging] = useState(false);
  const showForm = deal.response === null || changing;
  return (
    <Card className={deal.response === null ? "border-accent-200 dark:border-accent-900" : undefined}>
      <CardHeader>
        <h2 className="font-medium">{deal.response === null ? "Is this deal for you?" : "Your answer"}</h2>
      </CardHeader>
      <CardBody>
        {showForm ? (
          <InterestForm
            deal={deal}
            onAnswered={(saved) => {
              setChanging(false);
              onAnswered(saved);
            }}
            onCancel={deal.response === null ? undefined : () => setChanging(false)}
          />
        ) : (
          <div className="space-y-3" role="status">
            <p className="text-sm">
              {deal.response === "interested" ? "You told us you're interested in this deal." : "You passed on this deal."}
            </p>
            {deal.comment && (
              <blockquote className="border-l-2 border-zinc-300 pl-3 text-sm text-zinc-700 italic dark:border-zinc-600 dark:text-zinc-300">{deal.comment}</blockquote>
            )}
            <Button variant="secondary" size="sm" onClick={() => setChanging(true)}>
              Change my answer
            </Button>
          </div>
        )}
      </CardBody>
    </Card>
  );
}

function propertyFacts(d: PortalOpportunityDetail): string {
  const parts = [
    d.beds === null ? null : `${d.beds} bd`,
    d.baths === null ? null : `${d.baths} ba`,
    d.sqft === null ? null : `${d.sqft.toLocaleString("en-US")} sq ft`,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "—";
}

function Figure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 text-sm font-medium">{value}</dd>
    </div>
  );
}

function Metric({ label, value, tone }: { label: string; value: string; tone?: "negative" }) {
  return (
    <div className="rounded-md bg-zinc-50 px-3 py-3 dark:bg-zinc-800/50">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className={tone === "negative" ? "mt-1 text-lg font-semibold text-red-600 tabular-nums" : "mt-1 text-lg font-semibold tabular-nums"}>{value}</dd>
    </div>
  );
}
