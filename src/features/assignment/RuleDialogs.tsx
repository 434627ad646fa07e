import { Plus } from "lucide-react";
import { useState } from "react";
import type { AssignmentRule } from "@/domain/assignment";
import type { Member } from "@/domain/orgs";
import { errorMessage } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/ui/Dialog";
import { toast } from "@/ui/toastStore";
import { AssignmentRuleForm } from "./AssignmentRuleForm";
import { ruleToFormValues, type RuleFormBody } from "./ruleFormSchema";

/** The "Add rule" button and its dialog. */
export function AddRuleDialog({ agents, onCreate }: { agents: Member[]; onCreate: (body: RuleFormBody) => Promise<AssignmentRule> }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus className="size-4" aria-hidden="true" />
          Add rule
        </Button>
      </DialogTrigger>
      <DialogContent title="Add rule" description="New leads that match go to these agents in turn.">
        <AssignmentRuleForm
          agents={agents}
          submitLabel="Create rule"
          onSubmit={async (body) => {
            const created = await onCreate(body);
            setOpen(false);
            toast({ title: "Rule created", description: created.name, variant: "success" });
          }}
        />
      </DialogContent>
    </Dialog>
  );
}

export function EditRuleDialog({
  rule,
  agents,
  onOpenChange,
  onSave,
}: {
  rule: AssignmentRule | null;
  agents: Member[];
  onOpenChange: (open: boolean) => void;
  onSave: (id: string, body: RuleFormBody) => Promise<unknown>;
}) {
  return (
    <Dialog open={rule !== null} onOpenChange={onOpenChange}>
      {rule && (
        <DialogContent title="Edit rule" description={rule.name}>
          <AssignmentRuleForm
            key={rule.id}
            agents={agents}
            defaultValues={ruleToFormValues(rule)}
            submitLabel="Save changes"
            onSubmit={async (body) => {
              await onSave(rule.id, body);
              toast({ title: "Rule saved", description: body.name, variant: "success" });
              onOpenChange(false);
            }}
          />
        </DialogContent>
      )}
    </Dialog>
  );
}

export function DeleteRuleDialog({
  rule,
  onOpenChange,
  onDelete,
}: {
  rule: AssignmentRule | null;
  onOpenChange: (open: boolean) => void;
  onDelete: (id: string) => Promise<void>;
}) {
  const [deleting, setDeleting] = useState(false);

  async function confirm() {
    if (!rule) return;
    setDeleting(true);
    try {
      await onDelete(rule.id);
      toast({ title: "Rule deleted", description: rule.name, variant: "success" });
      onOpenChange(false);
    } catch (error) {
      toast({ title: "Couldn't delete the rule", description: errorMessage(error), variant: "error" });
    } finally {
      setDeleting(false);
    }
  }

  return (
    <Dialog open={rule !== null} onOpenChange={onOpenChange}>
      {rule && (
        <DialogContent
          title="Delete rule"
          description={`“${rule.name}” will no longer assign leads. Leads it already assigned keep their agent.`}
        >
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button variant="danger" loading={deleting} onClick={() => void confirm()}>
              Delete rule
            </Button>
          </div>
        </DialogContent>
      )}
    </Dialog>
  );
}
