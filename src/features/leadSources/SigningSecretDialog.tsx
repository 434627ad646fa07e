import { TriangleAlert } from "lucide-react";
import type { LeadSourceWithSecret } from "@/domain/leadSources";
import { Button } from "@/ui/Button";
import { Dialog, DialogClose, DialogContent } from "@/ui/Dialog";
import { Field } from "@/ui/Field";
import { Input } from "@/ui/Input";
import { CopyButton } from "./CopyButton";
import { curlExample, nodeExample, samplePayload, SIGNATURE_HEADER, webhookUrl } from "./webhookExamples";

export interface RevealedSecret {
  source: LeadSourceWithSecret;
  /** Why it is shown: a new source, or a rotation (the old secret has stopped working). */
  reason: "created" | "rotated";
}

/**
 * Shows a signing secret the one time the API hands it out, with the webhook URL and ready-to-run
 * examples. Nothing keeps the secret once this closes.
 */
export function SigningSecretDialog({ revealed, onClose }: { revealed: RevealedSecret | null; onClose: () => void }) {
  return (
    <Dialog open={revealed !== null} onOpenChange={(open) => !open && onClose()}>
      {revealed && <SecretContent {...revealed} />}
    </Dialog>
  );
}

function SecretContent({ source, reason }: RevealedSecret) {
  const url = webhookUrl(source);
  const example = { url, secret: source.secret, payload: samplePayload(source) };
  const description =
    reason === "created"
      ? `“${source.name}” is ready. Sign every delivery with this secret.`
      : `“${source.name}” has a new secret. The old one no longer works: update the sender now.`;

  return (
    <DialogContent title="Signing secret" description={description} className="max-w-2xl" preventOutsideClose>
      <div className="space-y-5">
        <div
          role="alert"
          className="flex gap-2.5 rounded-md border border-amber-300 bg-amber-50 px-3 py-2.5 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
        >
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <p>
            <strong className="font-semibold">Copy this secret now. It won't be shown again.</strong> If you lose it, rotate the secret to
            get a new one.
          </p>
        </div>

        <CopyField label="Secret" value={source.secret} copyLabel="Copy secret" />
        <CopyField label="Webhook URL" value={url} copyLabel="Copy webhook URL" />

        <section className="space-y-2" aria-labelledby="signing-howto">
          <h3 id="signing-howto" className="text-sm font-semibold">
            Signing deliveries
          </h3>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            POST the JSON to the webhook URL with the header{" "}
            <code className="rounded bg-zinc-100 px-1 py-0.5 text-xs dark:bg-zinc-800">
              {SIGNATURE_HEADER}: t=&lt;unix seconds&gt;,v1=&lt;signature&gt;
            </code>
            , where the signature is the hex HMAC-SHA256 of <code className="rounded bg-zinc-100 px-1 py-0.5 text-xs dark:bg-zinc-800">&lt;t&gt;.&lt;raw body&gt;</code>{" "}
            keyed with the secret. Compute it when you send: signatures more than 5 minutes old are refused. An optional{" "}
            <code className="rounded bg-zinc-100 px-1 py-0.5 text-xs dark:bg-zinc-800">Idempotency-Key</code> header makes retries safe.
          </p>
        </section>

        <Snippet title="curl (with openssl)" code={curlExample(example)} copyLabel="Copy curl command" />
        <Snippet title="Node.js" code={nodeExample(example)} copyLabel="Copy Node.js snippet" />

        <div className="flex justify-end pt-1">
          <DialogClose asChild>
            <Button>I've saved the secret</Button>
          </DialogClose>
        </div>
      </div>
    </DialogContent>
  );
}

function CopyField({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  return (
    <Field label={label}>
      {(control) => (
        <div className="flex gap-2">
          <Input {...control} readOnly value={value} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={value} label={copyLabel} className="h-9 shrink-0" />
        </div>
      )}
    </Field>
  );
}

function Snippet({ title, code, copyLabel }: { title: string; code: string; copyLabel: string }) {
  return (
    <figure className="space-y-1.5">
      <div className="flex items-center justify-between gap-2">
        <figcaption className="text-sm font-medium text-zinc-700 dark:text-zinc-300">{title}</figcaption>
        <CopyButton text={code} label={copyLabel} variant="ghost" />
      </div>
      <pre className="max-h-64 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 text-xs leading-relaxed dark:border-zinc-800 dark:bg-zinc-950">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
