import { Plus } from "lucide-react";
import { useState } from "react";
import type { Investor } from "@/domain/investors";
import { Button } from "@/ui/Button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/ui/Dialog";
import { toast } from "@/ui/toastStore";
import { investorName } from "./format";
import { InvestorForm } from "./InvestorForm";
import { emptyInvestorForm, toCreateRequest } from "./investorFormSchema";
import { createInvestor } from "./investorsApi";

/** The "Add investor" button and its dialog; hands the created investor to onCreated. */
export function AddInvestorDialog({ onCreated }: { onCreated: (investor: Investor) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus className="size-4" aria-hidden="true" />
          Add investor
        </Button>
      </DialogTrigger>
      <DialogContent title="Add investor" description="A first name is enough; preferences help match them to deals." className="max-w-2xl">
        <InvestorForm
          label="Add investor"
          defaultValues={emptyInvestorForm}
          submitLabel="Save investor"
          cancel={
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
          }
          onSubmit={async (body) => {
            const investor = await createInvestor(toCreateRequest(body));
            setOpen(false);
            toast({ title: "Investor added", description: investorName(investor), variant: "success" });
            onCreated(investor);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
