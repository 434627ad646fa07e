import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigate } from "@tanstack/react-router";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { createWorkflowRequestSchema, type WorkflowGraph } from "@/domain/workflows";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Dialog, DialogClose, DialogContent } from "@/ui/Dialog";
import { Field, FormError } from "@/ui/Field";
import { Input, Textarea } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { createWorkflow } from "./workflowsApi";

const formSchema = createWorkflowRequestSchema.pick({ name: true, description: true });
type FormValues = z.input<typeof formSchema>;

/** A new workflow starts with its trigger on the canvas. */
const STARTING_GRAPH: WorkflowGraph = { nodes: [{ id: "trigger", type: "trigger", position: { x: 250, y: 0 }, config: { event: "lead.created" } }], edges: [] };

/** Names a new workflow, creates it and opens it in the editor. */
export function NewWorkflowDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const navigate = useNavigate();
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: { name: "", description: "" } });
  const onSubmit = handleSubmit(async ({ name, description }) => {
    try {
      const created = await createWorkflow({ name, ...(description ? { description } : {}), graph: STARTING_GRAPH });
      toast({ title: `Created “${created.name}”`, variant: "success" });
      onOpenChange(false);
      await navigate({ to: "/workflows/$workflowId", params: { workflowId: created.id } });
    } catch (err) {
      applyServerErrors(err, setError, ["name", "description"]);
    }
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open && (
        <DialogContent title="New workflow" description="Name it; you build its steps next.">
          <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="New workflow">
            <FormError message={errors.root?.server?.message} />
            <Field label="Name" error={errors.name?.message}>{(c) => <Input {...c} autoFocus autoComplete="off" {...register("name")} />}</Field>
            <Field label="Description" hint="Optional: what it is for." error={errors.description?.message}>{(c) => <Textarea {...c} rows={2} {...register("description")} />}</Field>
            <div className="flex justify-end gap-2">
              <DialogClose asChild><Button variant="ghost">Cancel</Button></DialogClose>
              <Button type="submit" loading={isSubmitting}>Create</Button>
            </div>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
