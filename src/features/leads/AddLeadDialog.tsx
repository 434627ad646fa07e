import { Plus } from "lucide-react";
import { useState } from "react";
import type { Lead } from "@/domain/leads";
import { Button } from "@/ui/Button";
import { Dialog, DialogContent, DialogTrigger } from "@/ui/Dialog";
import { toast } from "@/ui/toastStore";
import { AddLeadForm } from "./AddLeadForm";

/** The "Add lead" button and its dialog; hands the created lead to onCreated. */
export function AddLeadDialog({ onCreated }: { onCreated: (lead: Lead) => void }) {
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
          onCreated={(lead) => {
            setOpen(false);
            toast({ title: "Lead added", variant: "success" });
            onCreated(lead);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
