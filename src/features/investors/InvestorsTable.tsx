import { Link } from "@tanstack/react-router";
import type { Investor } from "@/domain/investors";
import { Table, Td, Th } from "@/ui/Table";
import { AccreditationBadge } from "./AccreditationBadge";
import { formatMoney, investorName, propertyTypeLabel } from "./format";

export function marketsLabel(i: Pick<Investor, "states" | "cities" | "zips">): string {
  const all = [...i.states, ...i.cities, ...i.zips];
  if (all.length === 0) return "Anywhere";
  // " · " between markets: a city carries its own comma ("Austin, TX").
  return all.length > 4 ? `${all.slice(0, 4).join(" · ")} +${all.length - 4}` : all.join(" · ");
}

export function rangeLabel(min: number | null, max: number | null): string {
  if (min === null && max === null) return "—";
  if (min === null) return `up to ${formatMoney(max)}`;
  if (max === null) return `${formatMoney(min)}+`;
  return `${formatMoney(min)} – ${formatMoney(max)}`;
}

export function InvestorsTable({ investors }: { investors: Investor[] }) {
  return (
    <Table aria-label="Investors">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Accreditation</Th>
          <Th>Property types</Th>
          <Th>Markets</Th>
          <Th>Investment</Th>
          <Th className="text-right">Available</Th>
        </tr>
      </thead>
      <tbody>
        {investors.map((i) => (
          <tr key={i.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
            <Td>
              <Link to="/investors/$investorId" params={{ investorId: i.id }} className="font-medium text-zinc-900 hover:underline dark:text-zinc-50">
                {investorName(i)}
              </Link>
              {(i.company || i.email) && <div className="text-xs text-zinc-500 dark:text-zinc-400">{i.company ?? i.email}</div>}
            </Td>
            <Td>
              <AccreditationBadge status={i.accreditationStatus} />
            </Td>
            <Td className="text-zinc-600 dark:text-zinc-300">{i.propertyTypes.length ? i.propertyTypes.map(propertyTypeLabel).join(", ") : "Any"}</Td>
            <Td className="text-zinc-600 dark:text-zinc-300">{marketsLabel(i)}</Td>
            <Td className="whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-300">{rangeLabel(i.minInvestment, i.maxInvestment)}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{formatMoney(i.capitalAvailable)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
