import { Link } from "@tanstack/react-router";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useLayoutEffect, useRef, useState, type ChangeEvent, type ReactNode, type RefObject } from "react";
import { leadDisplayName, type Lead } from "@/domain/leads";
import { cn } from "@/lib/cn";
import { formatDate, formatPhone } from "@/lib/format";
import { LeadStatusBadge } from "./LeadStatusBadge";
import type { RowSelection } from "./useRowSelection";

/** Every row is this tall (one line per cell), so the virtualizer knows where each row is without measuring. */
export const LEAD_ROW_HEIGHT = 49;
/** Rows rendered beyond each edge of the window. */
const OVERSCAN = 10;
/** The next page is fetched when the last rendered row is this close to the end of the loaded ones. */
const LOAD_AHEAD_ROWS = 20;
/** Tags shown in a row before "+N" (all of them are in its tooltip). */
const ROW_TAGS = 1;

// Nine columns on a grid (so rows keep their column widths however few are rendered); the minimums fit beside
// the sidebar on a 1280px screen.
const COLUMNS =
  "grid grid-cols-[2.5rem_minmax(9rem,1.2fr)_minmax(8rem,1.4fr)_7.75rem_minmax(6.5rem,1.1fr)_7.25rem_3.75rem_minmax(6.5rem,1.2fr)_6.5rem] min-w-[57.75rem]";
const cell = "flex min-w-0 items-center px-3 first:pl-4 last:pr-4";
const muted = "text-zinc-400 dark:text-zinc-600";

function cityState(lead: Lead): string | null {
  const { city, state } = lead.address ?? {};
  return [city, state].filter(Boolean).join(", ") || null;
}

function Empty() {
  return <span className={muted}>—</span>;
}

function HeaderCell({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <th
      role="columnheader"
      scope="col"
      className={cn(
        cell,
        "h-10 border-b border-zinc-200 text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase dark:border-zinc-800 dark:text-zinc-400",
        className,
      )}
    >
      {children}
    </th>
  );
}

export interface LeadsTableProps {
  leads: Lead[];
  selection: RowSelection;
  /** More leads exist beyond the loaded ones. */
  hasMore: boolean;
  /** Called when the user nears the end of the loaded rows (and hasMore). */
  onEndReached?: () => void;
  /** The header's "select all" checkbox, for the page to move focus to. */
  selectAllRef?: RefObject<HTMLInputElement | null>;
}

/**
 * The leads as a table whose rows are virtualised against the window's scroll: only the rows in view (and a
 * few either side) are in the DOM, absolutely placed in a body as tall as all the loaded rows. The table
 * keeps its semantics (explicit ARIA roles, since the cells are laid out on a CSS grid), with aria-rowcount and
 * aria-rowindex telling assistive tech where a row is in the whole list.
 */
export function LeadsTable({ leads, selection, hasMore, onEndReached, selectAllRef }: LeadsTableProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  // The body's distance from the top of the document: the rows' positions are relative to it. Content above
  // (the filters panel opening, a notice) moves it, and changes the page's height: measured then, not per scroll.
  useLayoutEffect(() => {
    const measure = () => {
      const body = bodyRef.current;
      if (!body) return;
      // Through the offset parents rather than getBoundingClientRect, so it doesn't depend on the scroll position.
      let top = 0;
      for (let el: HTMLElement | null = body; el; el = el.offsetParent as HTMLElement | null) top += el.offsetTop;
      setScrollMargin((prev) => (prev === top ? prev : top));
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: leads.length,
    estimateSize: () => LEAD_ROW_HEIGHT,
    overscan: OVERSCAN,
    scrollMargin,
    getItemKey: (index) => leads[index].id,
  });
  const rows = virtualizer.getVirtualItems();
  const lastRendered = rows.length > 0 ? rows[rows.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && onEndReached && lastRendered >= 0 && lastRendered >= leads.length - 1 - LOAD_AHEAD_ROWS) onEndReached();
  }, [hasMore, onEndReached, lastRendered, leads.length]);

  const ownHeaderBox = useRef<HTMLInputElement>(null);
  const headerBox = selectAllRef ?? ownHeaderBox;
  const some = selection.count > 0 && !selection.allSelected;
  useEffect(() => {
    if (headerBox.current) headerBox.current.indeterminate = some;
  }, [some, headerBox]);

  return (
    // Narrow screens scroll the table sideways; wider ones leave overflow alone so the header can stick.
    <div className="max-md:overflow-x-auto">
      <table
        role="table"
        aria-label="Leads"
        aria-rowcount={hasMore ? -1 : leads.length + 1}
        className="grid w-full text-left text-sm"
      >
        <thead role="rowgroup" className="sticky top-0 z-10 grid rounded-t-lg bg-white dark:bg-zinc-900">
          <tr role="row" aria-rowindex={1} className={COLUMNS}>
            <HeaderCell className="pr-0">
              <input
                ref={headerBox}
                type="checkbox"
                aria-label="Select all loaded leads"
                checked={selection.allSelected}
                disabled={leads.length === 0}
                onChange={selection.toggleAll}
                className={checkbox}
              />
            </HeaderCell>
            <HeaderCell>Name</HeaderCell>
            <HeaderCell>Email</HeaderCell>
            <HeaderCell>Phone</HeaderCell>
            <HeaderCell>City/State</HeaderCell>
            <HeaderCell>Status</HeaderCell>
            <HeaderCell className="justify-end">Score</HeaderCell>
            <HeaderCell>Tags</HeaderCell>
            <HeaderCell>Created</HeaderCell>
          </tr>
        </thead>
        <tbody ref={bodyRef} role="rowgroup" className="relative grid" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const lead = leads[row.index];
            return (
              <LeadRow
                key={row.key}
                lead={lead}
                index={row.index}
                top={row.start - scrollMargin}
                selected={selection.isSelected(lead.id)}
                onToggle={selection.toggle}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const checkbox = "size-4 rounded border-zinc-300 accent-accent-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500";

const LeadRow = memo(function LeadRow({
  lead,
  index,
  top,
  selected,
  onToggle,
}: {
  lead: Lead;
  index: number;
  top: number;
  selected: boolean;
  onToggle: RowSelection["toggle"];
}) {
  const name = leadDisplayName(lead);
  const place = cityState(lead);
  const tags = lead.tags.slice(0, ROW_TAGS);
  const moreTags = lead.tags.length - tags.length;
  return (
    <tr
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      className={cn(
        COLUMNS,
        "absolute top-0 left-0 w-full border-b border-zinc-100 dark:border-zinc-800/70",
        selected ? "bg-accent-50 dark:bg-accent-950/30" : "hover:bg-zinc-50 dark:hover:bg-zinc-800/40",
      )}
      style={{ height: LEAD_ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <td role="cell" className={cn(cell, "pr-0")}>
        <input
          type="checkbox"
          aria-label={`Select ${name}`}
          checked={selected}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onToggle(lead.id, e.target.checked, (e.nativeEvent as MouseEvent).shiftKey === true)}
          className={checkbox}
        />
      </td>
      <td role="cell" className={cn(cell, "font-medium")}>
        <Link to="/leads/$leadId" params={{ leadId: lead.id }} className="truncate hover:underline" title={name}>
          {name}
        </Link>
      </td>
      <td role="cell" className={cn(cell, "text-zinc-600 dark:text-zinc-300")}>
        {lead.email ? (
          <span className="truncate" title={lead.email}>
            {lead.email}
          </span>
        ) : (
          <Empty />
        )}
      </td>
      <td role="cell" className={cn(cell, "whitespace-nowrap text-zinc-600 dark:text-zinc-300")}>
        {lead.phone ? formatPhone(lead.phone) : <Empty />}
      </td>
      <td role="cell" className={cn(cell, "text-zinc-600 dark:text-zinc-300")}>
        {place ? (
          <span className="truncate" title={place}>
            {place}
          </span>
        ) : (
          <Empty />
        )}
      </td>
      <td role="cell" className={cell}>
        <LeadStatusBadge status={lead.status} />
      </td>
      <td role="cell" className={cn(cell, "justify-end text-zinc-700 tabular-nums dark:text-zinc-300")}>
        {lead.score === null ? <Empty /> : Math.round(lead.score)}
      </td>
      <td role="cell" className={cell}>
        {lead.tags.length > 0 ? (
          <ul className="flex min-w-0 items-center gap-1 overflow-hidden" title={lead.tags.join(", ")}>
            {tags.map((tag) => (
              <li
                key={tag}
                className="min-w-0 truncate rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
              >
                {tag}
              </li>
            ))}
            {moreTags > 0 && (
              <li className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">
                +{moreTags}
                <span className="sr-only"> more: {lead.tags.slice(ROW_TAGS).join(", ")}</span>
              </li>
            )}
          </ul>
        ) : (
          <Empty />
        )}
      </td>
      <td role="cell" className={cn(cell, "whitespace-nowrap text-zinc-500 dark:text-zinc-400")}>
        <time dateTime={lead.createdAt}>{formatDate(lead.createdAt)}</time>
      </td>
    </tr>
  );
});
