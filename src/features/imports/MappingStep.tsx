import type { ImportMapping, ImportTarget, UploadedImport } from "@/domain/imports";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Field, FormError } from "@/ui/Field";
import { Select } from "@/ui/Input";
import { Table, Td, Th } from "@/ui/Table";
import { IMPORT_FIELDS, IMPORT_TARGET_HINTS } from "./labels";
import type { ImportPreview } from "./useImportPreview";

const NOT_IMPORTED = "— not imported —";

function hintFor(target: ImportTarget, header: string | undefined, sample: Record<string, string>[]): string | undefined {
  const example = header ? sample.map((row) => row[header]?.trim()).find(Boolean) : undefined;
  if (example) return `e.g. “${example.length > 60 ? `${example.slice(0, 60)}…` : example}”`;
  return IMPORT_TARGET_HINTS[target];
}

/** Step 2: which column fills each lead field, with the first rows of the file to go by. */
export function MappingStep({
  upload,
  mapping,
  preview,
  onChange,
  onBack,
  onNext,
}: {
  upload: UploadedImport;
  mapping: ImportMapping;
  preview: ImportPreview;
  onChange: (mapping: ImportMapping) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const used = new Set(Object.values(mapping));
  const unused = upload.headers.filter((h) => !used.has(h));
  const hasMappingErrors = Object.keys(preview.mappingErrors).length > 0;

  function setColumn(target: ImportTarget, header: string) {
    const next = { ...mapping };
    if (header) next[target] = header;
    else delete next[target];
    onChange(next);
  }

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <h2 className="text-base font-semibold">Match columns</h2>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            Choose the column of <span className="font-medium text-zinc-700 dark:text-zinc-300">{upload.filename}</span> that fills each
            lead field. We guessed from the column names; a lead needs at least a name, an email or a phone.
          </p>
        </CardHeader>
        <CardBody className="space-y-4">
          <FormError message={preview.mappingErrors[""]} />
          <div className="grid gap-x-5 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
            {IMPORT_FIELDS.map(({ target, label }) => (
              <Field key={target} label={label} error={preview.mappingErrors[target]} hint={hintFor(target, mapping[target], upload.sample)}>
                {(control) => (
                  <Select {...control} value={mapping[target] ?? ""} onChange={(event) => setColumn(target, event.target.value)}>
                    <option value="">{NOT_IMPORTED}</option>
                    {upload.headers.map((header) => (
                      <option key={header} value={header}>
                        {header}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            ))}
          </div>
          {unused.length > 0 && (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              Not imported: {unused.join(", ")}
            </p>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <h2 className="text-base font-semibold">First rows of your file</h2>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            {upload.totalRows.toLocaleString()} {upload.totalRows === 1 ? "row" : "rows"} below the header.
          </p>
        </CardHeader>
        <Table aria-label="Sample rows">
          <thead>
            <tr>
              {upload.headers.map((header) => (
                <Th key={header} className="normal-case">
                  {header}
                </Th>
              ))}
            </tr>
          </thead>
          <tbody>
            {upload.sample.map((row, index) => (
              <tr key={index}>
                {upload.headers.map((header) => (
                  <Td key={header} className="max-w-56 truncate whitespace-nowrap text-zinc-700 dark:text-zinc-300" title={row[header]}>
                    {row[header]}
                  </Td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>

      <div className="flex flex-wrap justify-between gap-2">
        <Button variant="secondary" onClick={onBack}>
          Choose another file
        </Button>
        <Button onClick={onNext} disabled={hasMappingErrors}>
          Next: preview
        </Button>
      </div>
    </div>
  );
}
