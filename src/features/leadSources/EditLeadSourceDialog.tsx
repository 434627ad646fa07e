import type { LeadSource } from "@/domain/leadSources";
import { Dialog, DialogContent } from "@/ui/Dialog";
import { toast } from "@/ui/toastStore";
import { LeadSourceForm } from "./LeadSourceForm";
import { leadSourceToFormValues, type LeadSourceRequestBody } from "./leadSourceFormSchema";

/** Edits a source's name, type, mapping and rate limit (PATCH); closes itself when saved. */
export function EditLeadSourceDialog({
  source,
  onOpenChange,
  onSave,
}: {
  source: LeadSource | null;
  onOpenChange: (open: boolean) => void;
  onSave: (id: string, body: LeadSourceRequestBody) => Promise<unknown>;
}) {
  return (
    <Dialog open={source !== null} onOpenChange={onOpenChange}>
      {source && (
        <DialogContent title="Edit lead source" description={source.name} className="max-w-xl">
          <LeadSourceForm
            key={source.id}
            defaultValues={leadSourceToFormValues(source)}
            submitLabel="Save changes"
            onSubmit={async (body) => {
              await onSave(source.id, body);
              toast({ title: "Lead source saved", description: body.name, variant: "success" });
              onOpenChange(false);
            }}
          />
        </DialogContent>
      )}
    </Dialog>
  );
}
