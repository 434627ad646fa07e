import { FileUp } from "lucide-react";
import { useState, type DragEvent } from "react";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type UploadedImport } from "@/domain/imports";
import { errorMessage, isApiError } from "@/lib/apiError";
import { cn } from "@/lib/cn";
import { Card, CardBody } from "@/ui/Card";
import { Field } from "@/ui/Field";
import { Spinner } from "@/ui/Spinner";
import { uploadImport } from "./importsApi";

const MAX_MB = IMPORT_MAX_BYTES / (1024 * 1024);

/** What to tell someone whose upload failed. */
export function uploadErrorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.fields?.file) return `The file ${error.fields.file}.`;
    if (error.status === 413) return `The file is larger than ${MAX_MB} MB. Split it into smaller files.`;
    if (error.status === 415) return "That doesn't look like a CSV file. Save it as CSV (comma separated) and try again.";
  }
  return errorMessage(error);
}

/** Step 1: pick or drop a CSV file, which is uploaded straight away. */
export function UploadStep({ onUploaded }: { onUploaded: (uploaded: UploadedImport) => void }) {
  const [uploading, setUploading] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);

  async function upload(file: File | undefined) {
    if (!file || uploading) return;
    setError(undefined);
    if (file.size > IMPORT_MAX_BYTES) {
      setError(`The file is larger than ${MAX_MB} MB. Split it into smaller files.`);
      return;
    }
    setUploading(file.name);
    try {
      const uploaded = await uploadImport(file);
      onUploaded(uploaded);
    } catch (e) {
      setError(uploadErrorMessage(e));
      setUploading(null);
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    void upload(event.dataTransfer.files[0]);
  }

  return (
    <Card>
      <CardBody>
        <div
          data-testid="csv-drop-zone"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={cn(
            "flex flex-col items-center gap-4 rounded-lg border-2 border-dashed px-6 py-10 text-center transition-colors",
            dragging ? "border-accent-500 bg-accent-50 dark:bg-accent-950/30" : "border-zinc-300 dark:border-zinc-700",
          )}
        >
          <div className="grid size-11 place-items-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
            <FileUp className="size-5" aria-hidden="true" />
          </div>
          <div className="space-y-1">
            <p className="text-base font-semibold">Drop a CSV file here, or choose one</p>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              The first line must hold the column names. Up to {MAX_MB} MB and {IMPORT_MAX_ROWS.toLocaleString()} rows.
            </p>
          </div>
          {uploading ? (
            <Spinner label={`Uploading ${uploading}`} />
          ) : (
            <Field label="CSV file" error={error} className="w-full max-w-sm text-left">
              {(control) => (
                <input
                  {...control}
                  type="file"
                  accept=".csv,text/csv"
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    event.target.value = "";
                    void upload(file);
                  }}
                  className={cn(
                    "block w-full rounded-md border border-zinc-300 bg-white text-sm text-zinc-700 shadow-sm dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300",
                    "file:mr-3 file:h-9 file:cursor-pointer file:border-0 file:border-r file:border-zinc-300 file:bg-zinc-50 file:px-3 file:text-sm file:font-medium file:text-zinc-800 hover:file:bg-zinc-100",
                    "dark:file:border-zinc-700 dark:file:bg-zinc-800 dark:file:text-zinc-100",
                    "aria-invalid:border-red-500",
                  )}
                />
              )}
            </Field>
          )}
        </div>
      </CardBody>
    </Card>
  );
}
