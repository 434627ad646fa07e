import { Webhook } from "lucide-react";
import { useState } from "react";
import type { LeadSource } from "@/domain/leadSources";
import { errorMessage } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { AddLeadSourceDialog } from "./AddLeadSourceDialog";
import { EditLeadSourceDialog } from "./EditLeadSourceDialog";
import { LeadSourcesTable } from "./LeadSourcesTable";
import { ManagersOnly } from "./ManagersOnly";
import { RotateSecretDialog } from "./RotateSecretDialog";
import { SigningSecretDialog, type RevealedSecret } from "./SigningSecretDialog";
import { useLeadSources } from "./useLeadSources";

/** Settings → Lead sources: the webhooks that post leads into the org (owners and admins). */
export function LeadSourcesPage() {
  return (
    <ManagersOnly title="Lead sources">
      <ManageLeadSources />
    </ManagersOnly>
  );
}

function ManageLeadSources() {
  const sources = useLeadSources();
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const [editing, setEditing] = useState<LeadSource | null>(null);
  const [rotating, setRotating] = useState<LeadSource | null>(null);
  const [toggling, setToggling] = useState<ReadonlySet<string>>(new Set());

  async function toggle(source: LeadSource, enabled: boolean) {
    setToggling((ids) => new Set(ids).add(source.id));
    try {
      await sources.update(source.id, { enabled });
      toast({ title: enabled ? "Lead source enabled" : "Lead source disabled", description: source.name, variant: "success" });
    } catch (error) {
      toast({ title: "Couldn't update lead source", description: errorMessage(error), variant: "error" });
    } finally {
      setToggling((ids) => {
        const next = new Set(ids);
        next.delete(source.id);
        return next;
      });
    }
  }

  return (
    <>
      <PageHeader
        title="Lead sources"
        description="Web forms, ad platforms and tools that post leads into Hidden Key through a signed webhook."
        actions={
          <AddLeadSourceDialog
            onCreate={sources.create}
            onCreated={(source) => {
              toast({ title: "Lead source created", description: source.name, variant: "success" });
              setRevealed({ source, reason: "created" });
            }}
          />
        }
      />
      {sources.status === "loading" && (
        <Card className="p-5">
          <Spinner label="Loading lead sources" />
        </Card>
      )}
      {sources.status === "error" && (
        <Notice
          title="Couldn't load lead sources"
          action={
            <Button variant="secondary" onClick={sources.retry}>
              Retry
            </Button>
          }
        >
          {sources.error}
        </Notice>
      )}
      {sources.status === "ready" && sources.sources.length === 0 && (
        <Notice icon={<Webhook className="size-5" aria-hidden="true" />} title="No lead sources yet">
          Add a source to get a webhook URL and signing secret for your web forms, Zapier or Facebook Lead Ads.
        </Notice>
      )}
      {sources.status === "ready" && sources.sources.length > 0 && (
        <Card>
          <LeadSourcesTable
            sources={sources.sources}
            toggling={toggling}
            onToggle={(source, enabled) => void toggle(source, enabled)}
            onEdit={setEditing}
            onRotate={setRotating}
          />
        </Card>
      )}
      <EditLeadSourceDialog source={editing} onOpenChange={(open) => !open && setEditing(null)} onSave={sources.update} />
      <RotateSecretDialog
        source={rotating}
        onOpenChange={(open) => !open && setRotating(null)}
        onRotate={sources.rotate}
        onRotated={(source) => {
          toast({ title: "Secret rotated", description: source.name, variant: "success" });
          setRevealed({ source, reason: "rotated" });
        }}
      />
      <SigningSecretDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </>
  );
}
