import { z } from "zod";
import { MAPPING_TARGETS } from "./leadSources";

/** Lead fields a CSV column can fill (the webhook mapping's, without the event id). */
export const IMPORT_TARGETS = MAPPING_TARGETS.filter((t) => t !== "eventId");
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** Lead field → the CSV header whose column fills it. */
export const importMappingSchema = z.partialRecord(z.enum(IMPORT_TARGETS as [ImportTarget, ...ImportTarget[]]), z.string().min(1).max(200));
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const importMappingRequestSchema = z.object({ mapping: importMappingSchema }).strict();

export const IMPORT_STATUSES = ["uploaded", "queued", "running", "done", "failed"] as const;

export interface LeadImport {
  id: string;
  filename: string;
  status: (typeof IMPORT_STATUSES)[number];
  headers: string[];
  mapping: ImportMapping;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  mergedCount: number;
  rejectedCount: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** What an upload answers: the file's shape and a first guess of the mapping. */
export interface UploadedImport extends LeadImport {
  guessedMapping: ImportMapping;
  sample: Record<string, string>[];
}

export interface ImportPreviewRow {
  rowNumber: number;
  ok: boolean;
  lead: Record<string, unknown> | null;
  errors: Record<string, string> | null;
}

/** Largest CSV accepted (a 50,000-row file is ~8 MB). */
export const IMPORT_MAX_BYTES = 25 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 100_000;
