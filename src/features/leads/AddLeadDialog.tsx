import { Plus } from "lucide-react";
import { useState } from "react";
import { leadDisplayName, type Lead } from "@/domain/leads";
import { Button } from "@/ui/Button";
import { Dialog, DialogContent, DialogTrigger } from "@/ui/Dialog";
import { toast } from "@/ui/toastStore";
import { AddLeadForm } from "./AddLeadForm";

/**
 * The "Add lead" button and its dialog; hands the saved lead to onCreated. When the server merged the
 * details into an existing lead (200 rather than 201), that lead comes back with merged: true.
 */
export function AddLeadDialog({ onCreated }: { onCreated: (lead: Lead, info: { merged: boolean }) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus className="size-4" aria-hidden="true" />
          Add lead
        </Button>
      </DialogTrigger>
      <DialogContent title="Add lead" description="At least a name, an email or a phone." className="max-w-xl">
        <AddLeadForm
          onCreated={({ lead, merged }) => {
            setOpen(false);
            toast(
              merged
                ? { title: "Merged into an existing lead", description: leadDisplayName(lead), variant: "success" }
                : { title: "Lead added", variant: "success" },
            );
            onCreated(lead, { merged });
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
