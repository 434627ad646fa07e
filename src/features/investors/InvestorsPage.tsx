import { useNavigate, useSearch } from "@tanstack/react-router";
import { HandCoins, SearchX, ShieldAlert } from "lucide-react";
import { useCallback, useMemo } from "react";
import { errorMessage } from "@/lib/apiError";
import { cn } from "@/lib/cn";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { AddInvestorDialog } from "./AddInvestorDialog";
import { InvestorsFilters, type InvestorsSearchUpdate } from "./InvestorsFilters";
import { activeInvestorFilterCount, investorsFilterQuery, parseInvestorsSearch, type InvestorsSearch } from "./investorsSearch";
import { InvestorsTable } from "./InvestorsTable";
import { useInvestors } from "./useInvestors";

/**
 * /investors: the org's investors, filtered by what is in the URL (parsed with investorsSearch's zod schema, so a
 * hand-edited or stale link still opens), a page at a time.
 */
export function InvestorsPage() {
  const raw = useSearch({ strict: false });
  const search = useMemo(() => parseInvestorsSearch(raw), [raw]);
  const navigate = useNavigate();
  const onSearchChange = useCallback<InvestorsSearchUpdate>(
    (update, options) =>
      void navigate({
        to: "/investors",
        search: ((prev: Record<string, unknown>) => update(parseInvestorsSearch(prev))) as never,
        replace: options?.replace,
      }),
    [navigate],
  );
  return <InvestorsList search={search} onSearchChange={onSearchChange} />;
}

export function InvestorsList({ search, onSearchChange }: { search: InvestorsSearch; onSearchChange: InvestorsSearchUpdate }) {
  const investors = useInvestors(investorsFilterQuery(search));
  const filtered = activeInvestorFilterCount(search) > 0;
  const showTable = investors.items.length > 0 && (investors.status === "ready" || investors.stale);

  const loadMore = async () => {
    try {
      await investors.loadMore();
    } catch (error) {
      toast({ title: "Couldn't load more investors", description: errorMessage(error), variant: "error" });
    }
  };

  if (investors.error?.kind === "forbidden") {
    return (
      <>
        <PageHeader title="Investors" />
        <Notice icon={<ShieldAlert className="size-5" aria-hidden="true" />} title="Investors aren't shared with your role">
          Only your firm's staff can see its investors.
        </Notice>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Investors" description="Who buys, what they buy, and how much they can put in." actions={<AddInvestorDialog onCreated={investors.prepend} />} />
      <InvestorsFilters search={search} onSearchChange={onSearchChange} />
      {investors.status === "loading" && !showTable && (
        <Card className="p-5">
          <Spinner label="Loading investors" />
        </Card>
      )}
      {investors.status === "error" && investors.error?.kind === "failed" && (
        <Notice
          title="Couldn't load investors"
          action={
            <Button variant="secondary" onClick={investors.retry}>
              Retry
            </Button>
          }
        >
          {investors.error.message}
        </Notice>
      )}
      {investors.status === "ready" && investors.items.length === 0 && !filtered && (
        <Notice icon={<HandCoins className="size-5" aria-hidden="true" />} title="No investors yet">
          Add the people who buy your deals, with what they look for, to match them to opportunities.
        </Notice>
      )}
      {investors.status === "ready" && investors.items.length === 0 && filtered && (
        <Notice
          icon={<SearchX className="size-5" aria-hidden="true" />}
          title="No investors match these filters"
          action={
            <Button variant="secondary" onClick={() => onSearchChange(() => ({}))}>
              Clear filters
            </Button>
          }
        >
          Try fewer filters or another search.
        </Notice>
      )}
      {showTable && (
        <Card aria-busy={investors.status === "loading" || undefined} className={cn("transition-opacity", investors.status === "loading" && "opacity-60")}>
          <InvestorsTable investors={investors.items} />
          <div className="flex items-center justify-between gap-3 px-4 py-3 text-sm text-zinc-500 dark:text-zinc-400">
            <p className="tabular-nums">
              {investors.items.length === 1 ? "1 investor" : `${investors.items.length} investors`}
              {investors.nextCursor ? " loaded" : filtered ? " match" : ""}
            </p>
            {investors.nextCursor && (
              <Button variant="secondary" size="sm" loading={investors.loadingMore} onClick={() => void loadMore()}>
                Load more
              </Button>
            )}
          </div>
        </Card>
      )}
    </>
  );
}
