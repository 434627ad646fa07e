import { Inbox, ShieldAlert } from "lucide-react";
import { errorMessage } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { AddLeadDialog } from "./AddLeadDialog";
import { LeadsTable } from "./LeadsTable";
import { useLeads } from "./useLeads";

export function LeadsPage() {
  const leads = useLeads();

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

  return (
    <>
      <PageHeader
        title="Leads"
        description="Everyone your firm is talking to, newest first."
        actions={<AddLeadDialog onCreated={leads.prepend} />}
      />
      {leads.status === "loading" && (
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
      {leads.status === "ready" && leads.items.length === 0 && (
        <Notice icon={<Inbox className="size-5" aria-hidden="true" />} title="No leads yet">
          Add your first lead to start tracking conversations.
        </Notice>
      )}
      {leads.status === "ready" && leads.items.length > 0 && (
        <Card>
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
