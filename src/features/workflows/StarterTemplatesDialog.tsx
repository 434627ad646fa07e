import { useNavigate } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import type { StarterTemplateInfo } from "@/domain/workflows";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { Button } from "@/ui/Button";
import { Dialog, DialogContent } from "@/ui/Dialog";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { instantiateStarterTemplate, listStarterTemplates } from "./workflowsApi";

/** The starter workflows: picking one copies it into the org as a draft and opens it in the editor. */
export function StarterTemplatesDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const navigate = useNavigate();
  const [templates, setTemplates] = useState<StarterTemplateInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [using, setUsing] = useState<string | null>(null);

  useEffect(() => {
    if (!open || templates) return;
    const controller = new AbortController();
    listStarterTemplates(controller.signal).then(setTemplates, (err: unknown) => !isAbortError(err) && setError(errorMessage(err)));
    return () => controller.abort();
  }, [open, templates]);

  const use = async (t: StarterTemplateInfo) => {
    setUsing(t.id);
    try {
      const created = await instantiateStarterTemplate(t.id);
      toast({ title: `Added “${created.name}”`, description: "Check its steps, then publish it.", variant: "success" });
      onOpenChange(false);
      await navigate({ to: "/workflows/$workflowId", params: { workflowId: created.id } });
    } catch (err) {
      toast({ title: "Couldn't add the template", description: errorMessage(err), variant: "error" });
    } finally {
      setUsing(null);
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open && (
        <DialogContent title="Start from a template" description="A ready-made workflow, added as a draft you can change before publishing." className="max-w-2xl">
          {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
          {!templates && !error && <Spinner label="Loading the templates" />}
          {templates && (
            <ul className="space-y-3" aria-label="Starter templates">
              {templates.map((t) => (
                <li key={t.id} className="flex items-start justify-between gap-4 rounded-md border border-zinc-200 p-4 dark:border-zinc-800">
                  <div className="min-w-0 space-y-1">
                    <p className="font-medium">{t.name}</p>
                    <p className="text-sm text-zinc-500 dark:text-zinc-400">{t.description}</p>
                  </div>
                  <Button size="sm" loading={using === t.id} disabled={using !== null} onClick={() => void use(t)} aria-label={`Use “${t.name}”`}>
                    Use
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </DialogContent>
      )}
    </Dialog>
  );
}
