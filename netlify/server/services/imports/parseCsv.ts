import Papa from "papaparse";
import { IMPORT_MAX_ROWS } from "../../../../src/domain/imports";
import { HttpError, validationFailed } from "../../http/errors";

export interface ParsedCsv {
  headers: string[];
  rows: Record<string, string>[];
}

/** A CSV with a header row → its rows as header → value. 400 naming the problem when it isn't one. */
export function parseCsv(text: string, options: { preview?: number } = {}): ParsedCsv {
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim(),
    preview: options.preview ?? 0,
  });
  const headers = (result.meta.fields ?? []).filter((h) => h !== "");
  if (headers.length === 0) throw validationFailed({ file: "has no header row" });
  // Papa renames a repeated header ("Email" → "Email_1"); a file with two columns of one name is ambiguous.
  const renamed = (result.meta as { renamedHeaders?: Record<string, string> }).renamedHeaders;
  if (renamed && Object.keys(renamed).length) {
    throw validationFailed({ file: `has the column "${Object.values(renamed)[0]}" twice` });
  }
  if (!options.preview && result.data.length > IMPORT_MAX_ROWS) {
    throw new HttpError(413, "payload_too_large", `A file may have at most ${IMPORT_MAX_ROWS.toLocaleString("en-US")} rows`);
  }
  return { headers, rows: result.data };
}

export function toCsv(headers: string[], rows: Record<string, unknown>[]): string {
  return Papa.unparse({ fields: headers, data: rows.map((r) => headers.map((h) => r[h] ?? "")) });
}
