import { FileText, ShieldAlert } from "lucide-react";
import { useState } from "react";
import type { LeadForm } from "@/domain/leadForms";
import { isStaffRole } from "@/domain/roles";
import { canManageMembers, useActiveMembership } from "@/features/orgs/useActiveMembership";
import { errorMessage } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { AddLeadFormDialog } from "./AddLeadFormDialog";
import { EmbedCodeDialog } from "./EmbedCodeDialog";
import { LeadFormsTable } from "./LeadFormsTable";
import { useLeadForms } from "./useLeadForms";

const TITLE = "Lead forms";
const DESCRIPTION = "Public pages where sellers ask for an offer. Share the link, or embed the form on your website with one line.";

/** Settings → Lead forms: owners and admins manage them; agents may look (and copy links). */
export function LeadFormsPage() {
  const membership = useActiveMembership();
  if (!membership || !isStaffRole(membership.role)) {
    return (
      <>
        <PageHeader title={TITLE} />
        <Notice icon={<ShieldAlert className="size-5" aria-hidden="true" />} title="Lead forms aren't shared with your role">
          Ask an owner or admin of {membership?.orgName ?? "this organization"} if you need them.
        </Notice>
      </>
    );
  }
  return <ManageLeadForms canEdit={canManageMembers(membership.role)} />;
}

function ManageLeadForms({ canEdit }: { canEdit: boolean }) {
  const forms = useLeadForms();
  const [embedding, setEmbedding] = useState<LeadForm | null>(null);
  const [toggling, setToggling] = useState<ReadonlySet<string>>(new Set());

  async function toggle(form: LeadForm, enabled: boolean) {
    setToggling((ids) => new Set(ids).add(form.id));
    try {
      await forms.update(form.id, { enabled });
      toast({ title: enabled ? "Form switched on" : "Form switched off", description: form.name, variant: "success" });
    } catch (error) {
      toast({ title: "Couldn't update the form", description: errorMessage(error), variant: "error" });
    } finally {
      setToggling((ids) => {
        const next = new Set(ids);
        next.delete(form.id);
        return next;
      });
    }
  }

  return (
    <>
      <PageHeader
        title={TITLE}
        description={DESCRIPTION}
        actions={
          canEdit && (
            <AddLeadFormDialog
              onCreate={forms.create}
              onCreated={(form) => toast({ title: "Form created", description: form.name, variant: "success" })}
            />
          )
        }
      />
      {!canEdit && (
        <p className="mb-4 text-sm text-zinc-500 dark:text-zinc-400">Only owners and admins can add forms or switch them on and off.</p>
      )}
      {forms.status === "loading" && (
        <Card className="p-5">
          <Spinner label="Loading lead forms" />
        </Card>
      )}
      {forms.status === "error" && (
        <Notice
          title="Couldn't load lead forms"
          action={
            <Button variant="secondary" onClick={forms.retry}>
              Retry
            </Button>
          }
        >
          {forms.error}
        </Notice>
      )}
      {forms.status === "ready" && forms.forms.length === 0 && (
        <Notice icon={<FileText className="size-5" aria-hidden="true" />} title="No lead forms yet">
          {canEdit
            ? "Add a form to get a public page for your ads and mailers, and a line of code for your website."
            : "An owner or admin can add one."}
        </Notice>
      )}
      {forms.status === "ready" && forms.forms.length > 0 && (
        <Card>
          <LeadFormsTable
            forms={forms.forms}
            canEdit={canEdit}
            toggling={toggling}
            onToggle={(form, enabled) => void toggle(form, enabled)}
            onEmbed={setEmbedding}
          />
        </Card>
      )}
      <EmbedCodeDialog form={embedding} onClose={() => setEmbedding(null)} />
    </>
  );
}
