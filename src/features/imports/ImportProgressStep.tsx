import { Link } from "@tanstack/react-router";
import { CircleAlert, CircleCheck, Download } from "lucide-react";
import { useState } from "react";
import type { LeadImport } from "@/domain/imports";
import { errorMessage } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Card, CardBody } from "@/ui/Card";
import { toast } from "@/ui/toastStore";
import { fetchRejectedRows, rejectedFilename, saveBlob } from "./importsApi";
import { importPercent } from "./useImportProgress";

/** Step 4: the progress bar while the import runs. */
export function ImportProgressStep({ job, pollError }: { job: LeadImport; pollError: string | null }) {
  const percent = importPercent(job);
  return (
    <Card>
      <CardBody className="space-y-4 py-6">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-base font-semibold">{job.status === "queued" ? "Waiting to start…" : `Importing ${job.filename}…`}</h2>
          <p className="text-sm text-zinc-600 tabular-nums dark:text-zinc-300" data-testid="import-progress-text">
            {job.processedRows.toLocaleString()} of {job.totalRows.toLocaleString()} rows processed
          </p>
        </div>
        <div
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}%`}
          className="h-3 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        >
          <div className="h-full rounded-full bg-accent-600 transition-[width] duration-500" style={{ width: `${percent}%` }} />
        </div>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          {percent}% · Created {job.createdCount.toLocaleString()} · Merged {job.mergedCount.toLocaleString()} · Rejected{" "}
          {job.rejectedCount.toLocaleString()}
        </p>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">You can leave this page: the import keeps running.</p>
        {pollError && (
          <p role="alert" className="text-sm text-amber-700 dark:text-amber-400">
            Couldn't check the progress ({pollError}). Trying again…
          </p>
        )}
      </CardBody>
    </Card>
  );
}

/** Step 5: what the import did, the rejected rows to download, and the way back to the leads. */
export function ImportSummaryStep({ job, onAnother }: { job: LeadImport; onAnother: () => void }) {
  const [downloading, setDownloading] = useState(false);
  const failed = job.status === "failed";

  async function download() {
    setDownloading(true);
    try {
      saveBlob(await fetchRejectedRows(job.id), rejectedFilename(job.filename));
    } catch (error) {
      toast({ title: "Couldn't download the rejected rows", description: errorMessage(error), variant: "error" });
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Card>
      <CardBody className="space-y-5 py-6">
        <div className="flex items-start gap-3">
          {failed ? (
            <CircleAlert className="mt-0.5 size-6 shrink-0 text-red-600" aria-hidden="true" />
          ) : (
            <CircleCheck className="mt-0.5 size-6 shrink-0 text-emerald-600" aria-hidden="true" />
          )}
          <div className="space-y-1">
            <h2 className="text-lg font-semibold">{failed ? "The import stopped" : "Import finished"}</h2>
            {failed && job.error && <p className="text-sm text-red-700 dark:text-red-400">{job.error}</p>}
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              {job.filename}: {job.processedRows.toLocaleString()} of {job.totalRows.toLocaleString()} rows processed.
            </p>
          </div>
        </div>
        <p className="text-base font-medium tabular-nums" data-testid="import-summary">
          Created {job.createdCount.toLocaleString()} · Merged {job.mergedCount.toLocaleString()} · Rejected {job.rejectedCount.toLocaleString()}
        </p>
        {job.mergedCount > 0 && (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Merged rows matched a lead you already had (same email, phone or property address) and filled in what it lacked.</p>
        )}
        <div className="flex flex-wrap items-center gap-2">
          {job.rejectedCount > 0 && (
            <Button variant="secondary" loading={downloading} onClick={() => void download()}>
              <Download className="size-4" aria-hidden="true" />
              Download rejected rows
            </Button>
          )}
          <Link
            to="/leads"
            className="inline-flex h-9 items-center rounded-md bg-accent-600 px-3.5 text-sm font-medium text-white shadow-sm hover:bg-accent-700"
          >
            Go to leads
          </Link>
          <Button variant="ghost" onClick={onAnother}>
            Import another file
          </Button>
        </div>
      </CardBody>
    </Card>
  );
}
