import { ExternalLink, TriangleAlert } from "lucide-react";
import type { LeadForm } from "@/domain/leadForms";
import { CopyButton } from "@/features/leadSources/CopyButton";
import { Dialog, DialogClose, DialogContent } from "@/ui/Dialog";
import { Button } from "@/ui/Button";
import { Field } from "@/ui/Field";
import { Input } from "@/ui/Input";
import { embedSnippet, publicFormUrl } from "./embedCode";

/** The form's public link and the one-line script tag that puts it on another website. */
export function EmbedCodeDialog({ form, onClose }: { form: LeadForm | null; onClose: () => void }) {
  return (
    <Dialog open={form !== null} onOpenChange={(open) => !open && onClose()}>
      {form && <EmbedContent form={form} />}
    </Dialog>
  );
}

function EmbedContent({ form }: { form: LeadForm }) {
  const url = publicFormUrl(form);
  const snippet = embedSnippet(form);
  return (
    <DialogContent title="Embed code" description={`Put “${form.name}” on your website, or share its link.`} className="max-w-2xl">
      <div className="space-y-5">
        {!form.enabled && (
          <div
            role="alert"
            className="flex gap-2.5 rounded-md border border-amber-300 bg-amber-50 px-3 py-2.5 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
          >
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            <p>This form is switched off: visitors see “This form isn't available” until you switch it on.</p>
          </div>
        )}
        <figure className="space-y-1.5">
          <div className="flex items-center justify-between gap-2">
            <figcaption className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Embed code</figcaption>
            <CopyButton text={snippet} label="Copy embed code" variant="ghost" />
          </div>
          <pre className="rounded-md border border-zinc-200 bg-zinc-50 p-3 text-xs leading-relaxed break-all whitespace-pre-wrap dark:border-zinc-800 dark:bg-zinc-950">
            <code>{snippet}</code>
          </pre>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Paste it where the form should appear. The form fits the page's width and grows to its content; utm_* tags in that page's address
            are passed on to the lead.
          </p>
        </figure>
        <Field label="Public link">
          {(control) => (
            <div className="flex gap-2">
              <Input {...control} readOnly value={url} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
              <CopyButton text={url} label="Copy link" className="h-9 shrink-0" />
            </div>
          )}
        </Field>
        <div className="flex items-center justify-between gap-2 pt-1">
          <a
            href={url}
            target="_blank"
            rel="noreferrer"
            className="inline-flex items-center gap-1.5 text-sm font-medium text-accent-700 hover:underline dark:text-accent-400"
          >
            Open the form
            <ExternalLink className="size-3.5" aria-hidden="true" />
          </a>
          <DialogClose asChild>
            <Button>Done</Button>
          </DialogClose>
        </div>
      </div>
    </DialogContent>
  );
}
