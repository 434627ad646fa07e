import { Inbox, SearchX, ShieldAlert } from "lucide-react";
import { useCallback, useMemo, useRef, useState } from "react";
import { isStaffRole } from "@/domain/roles";
import { useActiveMembership } from "@/features/orgs/useActiveMembership";
import { errorMessage } from "@/lib/apiError";
import { cn } from "@/lib/cn";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { AddLeadDialog } from "./AddLeadDialog";
import { BulkActionBar } from "./BulkActionBar";
import { leadCount, useBulkActions } from "./bulkActions";
import { LeadsFilters, type LeadsSearchUpdate } from "./LeadsFilters";
import { activeFilterCount, leadsFilterQuery, type LeadsSearch } from "./leadsSearch";
import { LeadsTable } from "./LeadsTable";
import { SavedViewsMenu } from "./SavedViewsMenu";
import { useLeads } from "./useLeads";
import { useRowSelection } from "./useRowSelection";

/**
 * The lead list. Its filters, search and sort are `search` (the URL's search params, see leadsSearch.ts);
 * the filter controls and saved views change them through onSearchChange, and the list follows. Rows can be
 * selected for bulk actions; the next page loads as the end of the list scrolls into view.
 */
export function LeadsPage({ search, onSearchChange }: { search: LeadsSearch; onSearchChange: LeadsSearchUpdate }) {
  const filterQuery = leadsFilterQuery(search);
  const leads = useLeads(filterQuery);
  const filtered = activeFilterCount(search) > 0;
  const role = useActiveMembership()?.role;
  // Everything here is for staff (the API refuses the rest); until /api/me answers, the API decides.
  const staff = role === undefined || isStaffRole(role);

  const ids = useMemo(() => leads.items.map((l) => l.id), [leads.items]);
  const selection = useRowSelection(ids, filterQuery);
  const selectedLeads = useMemo(() => {
    const chosen = new Set(selection.selected);
    return leads.items.filter((l) => chosen.has(l.id));
  }, [leads.items, selection.selected]);
  // When a bulk action is done the bar goes: focus in it (or lost) moves to the table's "select all" checkbox.
  const selectAllRef = useRef<HTMLInputElement>(null);
  const barRef = useRef<HTMLElement>(null);
  const { clear: clearSelection } = selection;
  const endSelection = useCallback(() => {
    const focused = document.activeElement;
    const inBar = !focused || focused === document.body || (barRef.current?.contains(focused) ?? false);
    clearSelection();
    if (inBar) selectAllRef.current?.focus();
  }, [clearSelection]);
  const bulk = useBulkActions({ refresh: leads.refresh, onDone: endSelection });

  // Scrolling near the end loads the next page, until a page fails: then only the button retries.
  const [autoLoad, setAutoLoad] = useState(true);
  const { loadMore: loadNext } = leads;
  const loadMore = useCallback(async () => {
    try {
      await loadNext();
      setAutoLoad(true);
    } catch (error) {
      setAutoLoad(false);
      toast({ title: "Couldn't load more leads", description: errorMessage(error), variant: "error" });
    }
  }, [loadNext]);
  const onEndReached = useCallback(() => {
    if (autoLoad) void loadMore();
  }, [autoLoad, loadMore]);

  if (leads.error?.kind === "forbidden") {
    return (
      <>
        <PageHeader title="Leads" />
        <Notice icon={<ShieldAlert className="size-5" aria-hidden="true" />} title="Leads aren't shared with your role">
          Investors see the deals shared with them. Ask an owner or admin if you need access to leads.
        </Notice>
      </>
    );
  }

  const clearFilters = () => onSearchChange((prev) => ({ sort: prev.sort, order: prev.order }));
  const showTable = leads.items.length > 0 && (leads.status === "ready" || leads.stale);

  return (
    <>
      <PageHeader title="Leads" description="Everyone your firm is talking to." actions={<AddLeadDialog onCreated={leads.prepend} />} />
      <LeadsFilters
        search={search}
        onSearchChange={onSearchChange}
        views={staff ? <SavedViewsMenu search={search} onSearchChange={onSearchChange} /> : undefined}
      />
      {leads.status === "loading" && !showTable && (
        <Card className="p-5">
          <Spinner label="Loading leads" />
        </Card>
      )}
      {leads.status === "error" && leads.error?.kind === "failed" && (
        <Notice
          title="Couldn't load leads"
          action={
            <Button variant="secondary" onClick={leads.retry}>
              Retry
            </Button>
          }
        >
          {leads.error.message}
        </Notice>
      )}
      {leads.status === "ready" && leads.items.length === 0 && !filtered && (
        <Notice icon={<Inbox className="size-5" aria-hidden="true" />} title="No leads yet">
          Add your first lead to start tracking conversations.
        </Notice>
      )}
      {leads.status === "ready" && leads.items.length === 0 && filtered && (
        <Notice
          icon={<SearchX className="size-5" aria-hidden="true" />}
          title="No leads match these filters"
          action={
            <Button variant="secondary" onClick={clearFilters}>
              Clear filters
            </Button>
          }
        >
          Try fewer filters or another search.
        </Notice>
      )}
      {showTable && (
        <Card aria-busy={leads.status === "loading" || undefined} className={cn("transition-opacity", leads.status === "loading" && "opacity-60")}>
          <LeadsTable
            leads={leads.items}
            selection={selection}
            hasMore={leads.nextCursor !== null}
            selectAllRef={selectAllRef}
            onEndReached={leads.status === "ready" ? onEndReached : undefined}
          />
          <div className="flex items-center justify-between gap-3 px-4 py-3 text-sm text-zinc-500 dark:text-zinc-400">
            <p className="tabular-nums">
              {leadCount(leads.items.length)}
              {leads.nextCursor ? " loaded" : filtered ? " match" : ""}
            </p>
            {leads.nextCursor && (
              <Button variant="secondary" size="sm" loading={leads.loadingMore} onClick={() => void loadMore()}>
                Load more
              </Button>
            )}
          </div>
        </Card>
      )}
      {staff && selection.count > 0 && showTable && (
        <BulkActionBar ref={barRef} selected={selectedLeads} pending={bulk.pending} onAction={bulk.run} onClear={endSelection} />
      )}
    </>
  );
}
