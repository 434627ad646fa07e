import { Inbox, SearchX, ShieldAlert } from "lucide-react";
import { errorMessage } from "@/lib/apiError";
import { cn } from "@/lib/cn";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { AddLeadDialog } from "./AddLeadDialog";
import { LeadsFilters, type LeadsSearchUpdate } from "./LeadsFilters";
import { activeFilterCount, leadsFilterQuery, type LeadsSearch } from "./leadsSearch";
import { LeadsTable } from "./LeadsTable";
import { useLeads } from "./useLeads";

/**
 * The lead list. Its filters, search and sort are `search` (the URL's search params, see leadsSearch.ts);
 * the filter controls change them through onSearchChange, and the list follows.
 */
export function LeadsPage({ search, onSearchChange }: { search: LeadsSearch; onSearchChange: LeadsSearchUpdate }) {
  const leads = useLeads(leadsFilterQuery(search));
  const filtered = activeFilterCount(search) > 0;

  async function loadMore() {
    try {
      await leads.loadMore();
    } catch (error) {
      toast({ title: "Couldn't load more leads", description: errorMessage(error), variant: "error" });
    }
  }

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
      <LeadsFilters search={search} onSearchChange={onSearchChange} />
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
          <LeadsTable leads={leads.items} />
          {leads.nextCursor && (
            <div className="flex justify-center border-t border-zinc-100 p-3 dark:border-zinc-800">
              <Button variant="secondary" loading={leads.loadingMore} onClick={() => void loadMore()}>
                Load more
              </Button>
            </div>
          )}
        </Card>
      )}
    </>
  );
}
