import { Plus } from "lucide-react";
import { useState } from "react";
import type { CreateLeadSourceRequest, LeadSourceWithSecret } from "@/domain/leadSources";
import { Button } from "@/ui/Button";
import { Dialog, DialogContent, DialogTrigger } from "@/ui/Dialog";
import { LeadSourceForm } from "./LeadSourceForm";

/** The "Add lead source" button and its dialog; hands the created source (with its secret) to onCreated. */
export function AddLeadSourceDialog({
  onCreate,
  onCreated,
}: {
  onCreate: (request: CreateLeadSourceRequest) => Promise<LeadSourceWithSecret>;
  onCreated: (source: LeadSourceWithSecret) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus className="size-4" aria-hidden="true" />
          Add lead source
        </Button>
      </DialogTrigger>
      <DialogContent title="Add lead source" description="A form, ad platform or tool that posts leads to a signed webhook." className="max-w-xl">
        <LeadSourceForm
          submitLabel="Create source"
          onSubmit={async (body) => {
            const created = await onCreate(body);
            setOpen(false);
            onCreated(created);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
