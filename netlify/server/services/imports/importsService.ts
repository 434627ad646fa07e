import type { Selectable } from "kysely";
import type { ImportMapping, ImportPreviewRow, LeadImport, UploadedImport } from "../../../../src/domain/imports";
import type { LeadImportsTable } from "../../db/schema";
import type { Tx } from "../../db/transactions";
import { conflict, notFound, validationFailed } from "../../http/errors";
import { enqueueJob } from "../../jobs/enqueueJob";
import { guessColumnMapping } from "../webhooks/mapping";
import { importLeadsJob } from "./importLeadsJob";
import { parseCsv, toCsv } from "./parseCsv";
import { rowToLead } from "./rowToLead";
import { isUuid } from "../../http/ids";

const COLUMNS = ["id", "filename", "status", "headers", "mapping", "totalRows", "processedRows", "createdCount", "mergedCount", "rejectedCount", "error", "createdAt", "finishedAt"] as const;

function toDto(r: Pick<Selectable<LeadImportsTable>, (typeof COLUMNS)[number]>): LeadImport {
  return { ...r, mapping: (r.mapping ?? {}) as ImportMapping, createdAt: new Date(r.createdAt).toISOString(), finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null };
}

async function requireImport(tx: Tx, orgId: string, id: string) {
  if (!isUuid(id)) throw notFound("Import");
  const row = await tx.selectFrom("leadImports").select([...COLUMNS, "csv"]).where("orgId", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Import");
  return row;
}

function checkMapping(headers: string[], mapping: ImportMapping) {
  const fields: Record<string, string> = {};
  for (const [target, header] of Object.entries(mapping)) if (!headers.includes(header)) fields[`mapping.${target}`] = `the file has no column "${header}"`;
  if (Object.keys(fields).length) throw validationFailed(fields);
  if (!mapping.email && !mapping.phone && !mapping.firstName && !mapping.lastName && !mapping.fullName) {
    throw validationFailed({ mapping: "map at least a name, email or phone column" });
  }
}

export async function uploadImport(tx: Tx, orgId: string, userId: string, filename: string, csv: string): Promise<UploadedImport> {
  const { headers, rows } = parseCsv(csv);
  if (rows.length === 0) throw validationFailed({ file: "has no rows below its header" });
  const guessedMapping = guessColumnMapping(headers) as ImportMapping;
  const row = await tx
    .insertInto("leadImports")
    .values({ orgId, createdBy: userId, filename, csv, headers, mapping: guessedMapping, totalRows: rows.length })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return { ...toDto(row), guessedMapping, sample: rows.slice(0, 5) };
}

export async function getImport(tx: Tx, orgId: string, id: string): Promise<LeadImport> {
  const { csv: _csv, ...row } = await requireImport(tx, orgId, id);
  void _csv;
  return toDto(row);
}

/** The first rows as they would be imported with this mapping, each with its errors. */
export async function previewImport(tx: Tx, orgId: string, id: string, mapping: ImportMapping, count = 20): Promise<{ rows: ImportPreviewRow[] }> {
  const job = await requireImport(tx, orgId, id);
  checkMapping(job.headers, mapping);
  const { rows } = parseCsv(job.csv, { preview: count });
  return {
    rows: rows.map((row, i) => {
      const r = rowToLead(row, mapping, `CSV: ${job.filename}`);
      return { rowNumber: i + 2, ok: r.ok, lead: r.ok ? (r.lead as Record<string, unknown>) : null, errors: r.ok ? null : r.errors };
    }),
  };
}

/** Saves the mapping and queues the import job in the same transaction. Once per import. */
export async function startImport(tx: Tx, orgId: string, id: string, mapping: ImportMapping, requestId: string): Promise<LeadImport> {
  const job = await requireImport(tx, orgId, id);
  if (job.status !== "uploaded") throw conflict("already_started", "This import has already been started");
  checkMapping(job.headers, mapping);
  const row = await tx.updateTable("leadImports").set({ mapping, status: "queued" }).where("id", "=", id).returning(COLUMNS).executeTakeFirstOrThrow();
  await enqueueJob(tx, orgId, importLeadsJob, { importId: id }, { requestId });
  return toDto(row);
}

/** The rejected rows as CSV: the original columns plus row and reason. */
export async function rejectedRowsCsv(tx: Tx, orgId: string, id: string): Promise<{ filename: string; csv: string }> {
  const job = await requireImport(tx, orgId, id);
  const rows = await tx.selectFrom("leadImportRejections").select(["rowNumber", "rowData", "reason"]).where("orgId", "=", orgId).where("importId", "=", id).orderBy("rowNumber").execute();
  const data = rows.map((r) => ({ ...(r.rowData as Record<string, string>), row: r.rowNumber, reason: r.reason }));
  return { filename: job.filename.replace(/\.csv$/i, "") + "-rejected.csv", csv: toCsv([...job.headers, "row", "reason"], data) };
}
