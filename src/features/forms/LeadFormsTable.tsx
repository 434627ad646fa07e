import { Code } from "lucide-react";
import type { LeadForm } from "@/domain/leadForms";
import { CopyButton } from "@/features/leadSources/CopyButton";
import { Switch } from "@/features/leadSources/Switch";
import { Button } from "@/ui/Button";
import { Table, Td, Th } from "@/ui/Table";
import { publicFormUrl } from "./embedCode";

export function LeadFormsTable({
  forms,
  canEdit,
  toggling,
  onToggle,
  onEmbed,
}: {
  forms: LeadForm[];
  /** Owners and admins; others see the switches without being able to flip them. */
  canEdit: boolean;
  /** Ids whose enabled flag is being saved. */
  toggling: ReadonlySet<string>;
  onToggle: (form: LeadForm, enabled: boolean) => void;
  onEmbed: (form: LeadForm) => void;
}) {
  return (
    <Table aria-label="Lead forms">
      <thead>
        <tr>
          <Th>Form</Th>
          <Th>Public URL</Th>
          <Th>Enabled</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {forms.map((form) => {
          const url = publicFormUrl(form);
          return (
            <tr key={form.id}>
              <Td className="min-w-44">
                <div className="font-medium">{form.name}</div>
                {form.headline && <div className="max-w-xs truncate text-xs text-zinc-500 dark:text-zinc-400">{form.headline}</div>}
              </Td>
              <Td>
                <div className="flex max-w-80 items-center gap-1 2xl:max-w-md">
                  <a
                    href={url}
                    target="_blank"
                    rel="noreferrer"
                    className="min-w-0 truncate rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700 hover:underline dark:bg-zinc-800 dark:text-zinc-300"
                    title={url}
                  >
                    {url}
                  </a>
                  <CopyButton text={url} label={`Copy public URL for ${form.name}`} variant="ghost" iconOnly />
                </div>
              </Td>
              <Td>
                <Switch
                  checked={form.enabled}
                  label={`${form.name} enabled`}
                  disabled={!canEdit || toggling.has(form.id)}
                  onCheckedChange={(enabled) => onToggle(form, enabled)}
                />
              </Td>
              <Td>
                <div className="flex justify-end">
                  <Button variant="ghost" size="sm" aria-label={`Embed code for ${form.name}`} onClick={() => onEmbed(form)}>
                    <Code className="size-4" aria-hidden="true" />
                    Embed code
                  </Button>
                </div>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
