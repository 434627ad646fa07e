import type { ReactNode } from "react";
import type { Investor } from "@/domain/investors";
import { formatPhone } from "@/lib/format";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { AccreditationBadge } from "../AccreditationBadge";
import { formatPercent, LEVERAGE_LABELS, propertyTypeLabel } from "../format";
import { rangeLabel } from "../InvestorsTable";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="col-span-2 break-words">{children}</dd>
    </>
  );
}

const none = <span className="text-zinc-400">—</span>;

export function ContactCard({ investor }: { investor: Investor }) {
  return (
    <Card>
      <CardHeader>
        <h2 className="font-medium">Contact</h2>
      </CardHeader>
      <CardBody>
        <dl aria-label="Contact" className="grid grid-cols-3 gap-y-2 text-sm">
          <Row label="Email">{investor.email ? <a className="text-accent-700 hover:underline dark:text-accent-400" href={`mailto:${investor.email}`}>{investor.email}</a> : none}</Row>
          <Row label="Phone">{investor.phone ? formatPhone(investor.phone) : none}</Row>
          <Row label="Company">{investor.company ?? none}</Row>
          <Row label="Accreditation">
            <AccreditationBadge status={investor.accreditationStatus} />
          </Row>
          <Row label="Portal">{investor.userId ? "Has a portal login" : "No portal login"}</Row>
        </dl>
      </CardBody>
    </Card>
  );
}

function Chips({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <span className="text-zinc-500 dark:text-zinc-400">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((s) => (
        <li key={s} className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          {s}
        </li>
      ))}
    </ul>
  );
}

export function PreferencesCard({ investor }: { investor: Investor }) {
  const anyMarket = investor.states.length + investor.cities.length + investor.zips.length === 0;
  return (
    <Card>
      <CardHeader>
        <h2 className="font-medium">Preferences</h2>
      </CardHeader>
      <CardBody>
        <dl aria-label="Preferences" className="grid grid-cols-3 gap-y-2.5 text-sm">
          <Row label="Property types">
            <Chips items={investor.propertyTypes.map(propertyTypeLabel)} empty="Any" />
          </Row>
          {anyMarket ? (
            <Row label="Markets">Anywhere</Row>
          ) : (
            <>
              <Row label="States">
                <Chips items={investor.states} empty="Any" />
              </Row>
              <Row label="Cities">
                <Chips items={investor.cities} empty="Any" />
              </Row>
              <Row label="ZIP codes">
                <Chips items={investor.zips} empty="Any" />
              </Row>
            </>
          )}
          <Row label="Investment">{rangeLabel(investor.minInvestment, investor.maxInvestment)}</Row>
          <Row label="Target return">{investor.targetReturn === null ? none : formatPercent(investor.targetReturn)}</Row>
          <Row label="Risk tolerance">{investor.riskTolerance === null ? none : <RiskMeter value={investor.riskTolerance} />}</Row>
          <Row label="Hold period">{investor.holdPeriodMonths === null ? none : holdLabel(investor.holdPeriodMonths)}</Row>
          <Row label="Leverage">{investor.leveragePreference ? LEVERAGE_LABELS[investor.leveragePreference] : none}</Row>
        </dl>
      </CardBody>
    </Card>
  );
}

export function holdLabel(months: number): string {
  if (months % 12 === 0) return months === 12 ? "1 year" : `${months / 12} years`;
  return months === 1 ? "1 month" : `${months} months`;
}

function RiskMeter({ value }: { value: number }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span aria-hidden="true" className="flex gap-0.5">
        {Array.from({ length: 10 }, (_, i) => (
          <span key={i} className={i < value ? "h-2.5 w-1.5 rounded-sm bg-accent-500" : "h-2.5 w-1.5 rounded-sm bg-zinc-200 dark:bg-zinc-700"} />
        ))}
      </span>
      <span className="tabular-nums">{value} / 10</span>
    </span>
  );
}
