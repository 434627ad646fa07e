import { Link } from "@tanstack/react-router";
import { leadDisplayName, type Lead } from "@/domain/leads";
import { formatDate, formatPhone } from "@/lib/format";
import { Table, Td, Th } from "@/ui/Table";
import { LeadStatusBadge } from "./LeadStatusBadge";

const muted = "text-zinc-400 dark:text-zinc-600";

function cityState(lead: Lead): string | null {
  const { city, state } = lead.address ?? {};
  return [city, state].filter(Boolean).join(", ") || null;
}

function Empty() {
  return <span className={muted}>—</span>;
}

export function LeadsTable({ leads }: { leads: Lead[] }) {
  return (
    // Eight columns: slightly tighter cells than the default so they fit beside the sidebar on a 1280px screen.
    <Table aria-label="Leads" className="[&_td]:px-3 [&_td:first-child]:pl-4 [&_td:last-child]:pr-4 [&_th]:px-3 [&_th:first-child]:pl-4 [&_th:last-child]:pr-4">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Phone</Th>
          <Th>City/State</Th>
          <Th>Status</Th>
          <Th className="text-right">Score</Th>
          <Th>Tags</Th>
          <Th>Created</Th>
        </tr>
      </thead>
      <tbody>
        {leads.map((lead) => (
          <tr key={lead.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
            <Td className="font-medium">
              <Link to="/leads/$leadId" params={{ leadId: lead.id }} className="hover:underline">
                {leadDisplayName(lead)}
              </Link>
            </Td>
            <Td className="text-zinc-600 dark:text-zinc-300">
              {lead.email ? (
                <span className="block max-w-48 truncate 2xl:max-w-none" title={lead.email}>
                  {lead.email}
                </span>
              ) : (
                <Empty />
              )}
            </Td>
            <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-300">{lead.phone ? formatPhone(lead.phone) : <Empty />}</Td>
            <Td className="min-w-28 text-zinc-600 dark:text-zinc-300">{cityState(lead) ?? <Empty />}</Td>
            <Td>
              <LeadStatusBadge status={lead.status} />
            </Td>
            <Td className="text-right text-zinc-700 tabular-nums dark:text-zinc-300">{lead.score === null ? <Empty /> : Math.round(lead.score)}</Td>
            <Td>
              {lead.tags.length > 0 ? (
                <ul className="flex flex-wrap gap-1">
                  {lead.tags.map((tag) => (
                    <li
                      key={tag}
                      className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                    >
                      {tag}
                    </li>
                  ))}
                </ul>
              ) : (
                <Empty />
              )}
            </Td>
            <Td className="whitespace-nowrap text-zinc-500 dark:text-zinc-400">
              <time dateTime={lead.createdAt}>{formatDate(lead.createdAt)}</time>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
