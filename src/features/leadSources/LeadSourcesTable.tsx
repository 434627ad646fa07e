import { Link } from "@tanstack/react-router";
import type { LeadSource } from "@/domain/leadSources";
import { Button } from "@/ui/Button";
import { Table, Td, Th } from "@/ui/Table";
import { CopyButton } from "./CopyButton";
import { LEAD_SOURCE_TYPE_LABELS } from "./labels";
import { Switch } from "./Switch";
import { webhookUrl } from "./webhookExamples";

const linkClass = "text-sm font-medium text-accent-700 hover:underline dark:text-accent-400";

export function LeadSourcesTable({
  sources,
  toggling,
  onToggle,
  onEdit,
  onRotate,
}: {
  sources: LeadSource[];
  /** Ids whose enabled flag is being saved. */
  toggling: ReadonlySet<string>;
  onToggle: (source: LeadSource, enabled: boolean) => void;
  onEdit: (source: LeadSource) => void;
  onRotate: (source: LeadSource) => void;
}) {
  return (
    <Table aria-label="Lead sources">
      <thead>
        <tr>
          <Th>Source</Th>
          <Th>Webhook URL</Th>
          <Th>Rate limit</Th>
          <Th>Enabled</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {sources.map((source) => {
          const url = webhookUrl(source);
          return (
            <tr key={source.id}>
              <Td className="min-w-40">
                <div className="font-medium">{source.name}</div>
                <div className="text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">{LEAD_SOURCE_TYPE_LABELS[source.type] ?? source.type}</div>
              </Td>
              <Td>
                <div className="flex max-w-72 items-center gap-1 2xl:max-w-md">
                  <code className="min-w-0 truncate rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800" title={url}>
                    {url}
                  </code>
                  <CopyButton text={url} label={`Copy webhook URL for ${source.name}`} variant="ghost" iconOnly />
                </div>
              </Td>
              <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-300">{source.rateLimitPerMinute.toLocaleString()}/min</Td>
              <Td>
                <Switch
                  checked={source.enabled}
                  label={`${source.name} enabled`}
                  disabled={toggling.has(source.id)}
                  onCheckedChange={(enabled) => onToggle(source, enabled)}
                />
              </Td>
              <Td>
                <div className="flex items-center justify-end gap-0.5 whitespace-nowrap">
                  <Link
                    to="/settings/lead-sources/$sourceId"
                    params={{ sourceId: source.id }}
                    aria-label={`Deliveries for ${source.name}`}
                    className={`${linkClass} px-2.5`}
                  >
                    Deliveries
                  </Link>
                  <Button variant="ghost" size="sm" aria-label={`Edit ${source.name}`} onClick={() => onEdit(source)}>
                    Edit
                  </Button>
                  <Button variant="ghost" size="sm" aria-label={`Rotate secret for ${source.name}`} onClick={() => onRotate(source)}>
                    Rotate secret
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
