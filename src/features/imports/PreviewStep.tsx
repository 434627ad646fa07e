import { Check } from "lucide-react";
import type { ImportPreviewRow, UploadedImport } from "@/domain/imports";
import { cn } from "@/lib/cn";
import { Button } from "@/ui/Button";
import { Card, CardHeader } from "@/ui/Card";
import { FormError } from "@/ui/Field";
import { Spinner } from "@/ui/Spinner";
import { Table, Td, Th } from "@/ui/Table";
import { errorFieldLabel } from "./labels";
import type { ImportPreview } from "./useImportPreview";

type PreviewLead = {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  source?: string | null;
  tags?: string[];
  address?: { street?: string | null; city?: string | null; state?: string | null; zip?: string | null } | null;
};

const joined = (parts: (string | null | undefined)[], sep = " ") => parts.filter(Boolean).join(sep);

function addressOf(lead: PreviewLead): string {
  const a = lead.address;
  if (!a) return "";
  return joined([a.street, joined([a.city, joined([a.state, a.zip])], ", ")], ", ");
}

function rowsLabel(n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? "row" : "rows"}`;
}

function PreviewTableRow({ row }: { row: ImportPreviewRow }) {
  if (!row.ok || !row.lead) {
    return (
      <tr>
        <Td className="text-zinc-500 tabular-nums">{row.rowNumber}</Td>
        <Td colSpan={5}>
          <ul className="space-y-0.5 text-sm font-medium text-red-600 dark:text-red-400">
            {Object.entries(row.errors ?? {}).map(([field, message]) => (
              <li key={field}>
                {errorFieldLabel(field)}: {message}
              </li>
            ))}
          </ul>
        </Td>
      </tr>
    );
  }
  const lead = row.lead as PreviewLead;
  return (
    <tr>
      <Td className="text-zinc-500 tabular-nums">{row.rowNumber}</Td>
      <Td className="whitespace-nowrap">
        <span className="inline-flex items-center gap-1.5">
          <Check className="size-4 shrink-0 text-emerald-600" aria-label="Ready" />
          <span className="font-medium">{joined([lead.firstName, lead.lastName]) || "—"}</span>
        </span>
      </Td>
      <Td className="text-zinc-700 dark:text-zinc-300">{lead.email ?? ""}</Td>
      <Td className="whitespace-nowrap text-zinc-700 dark:text-zinc-300">{lead.phone ?? ""}</Td>
      <Td className="text-zinc-700 dark:text-zinc-300">{addressOf(lead)}</Td>
      <Td className="text-zinc-700 dark:text-zinc-300">
        {lead.source}
        {lead.tags && lead.tags.length > 0 && <div className="text-xs text-zinc-500 dark:text-zinc-400">{lead.tags.join(", ")}</div>}
      </Td>
    </tr>
  );
}

/** Step 3: the first rows as they would import, each ready (✓) or with its errors, then the start button. */
export function PreviewStep({
  upload,
  preview,
  starting,
  onBack,
  onStart,
}: {
  upload: UploadedImport;
  preview: ImportPreview;
  starting: boolean;
  onBack: () => void;
  onStart: () => void;
}) {
  const ready = preview.rows.filter((r) => r.ok).length;
  const hasMappingErrors = Object.keys(preview.mappingErrors).length > 0;
  const mappingMessage = hasMappingErrors
    ? preview.mappingErrors[""] ?? "Some columns need another look. Go back to Match columns to fix them."
    : undefined;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 className="text-base font-semibold">Preview</h2>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">The first rows as they will be imported. Rows with errors are skipped and can be downloaded afterwards.</p>
          </div>
          {preview.loading ? (
            <Spinner label="Checking rows" />
          ) : (
            !hasMappingErrors &&
            !preview.error && (
              <p className="text-sm font-medium" data-testid="preview-count">
                {ready} of {preview.rows.length} rows ready
              </p>
            )
          )}
        </CardHeader>
        {(mappingMessage || preview.error) && (
          <div className="px-5 pt-4">
            <FormError message={mappingMessage ?? preview.error ?? undefined} />
          </div>
        )}
        {preview.rows.length > 0 && !hasMappingErrors && (
          <div className={cn("transition-opacity", preview.loading && "opacity-60")}>
            <Table aria-label="Preview rows">
              <thead>
                <tr>
                  <Th>Row</Th>
                  <Th>Name</Th>
                  <Th>Email</Th>
                  <Th>Phone</Th>
                  <Th>Address</Th>
                  <Th>Source / tags</Th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <PreviewTableRow key={row.rowNumber} row={row} />
                ))}
              </tbody>
            </Table>
          </div>
        )}
      </Card>
      <div className="flex flex-wrap justify-between gap-2">
        <Button variant="secondary" onClick={onBack}>
          Back to columns
        </Button>
        <Button onClick={onStart} loading={starting} disabled={hasMappingErrors || Boolean(preview.error)}>
          Import {rowsLabel(upload.totalRows)}
        </Button>
      </div>
    </div>
  );
}
