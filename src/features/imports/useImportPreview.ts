import { useEffect, useState } from "react";
import type { ImportMapping, ImportPreviewRow } from "@/domain/imports";
import { errorMessage, isApiError } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { previewImport } from "./importsApi";

export interface ImportPreview {
  /** True from a mapping change until its preview answers. */
  loading: boolean;
  rows: ImportPreviewRow[];
  /** Server errors about the mapping: by lead field ("email"), and "" for the mapping as a whole. */
  mappingErrors: Record<string, string>;
  /** Anything else that went wrong. */
  error: string | null;
}

interface Answer {
  key: string;
  rows: ImportPreviewRow[];
  mappingErrors: Record<string, string>;
  error: string | null;
}

/** Splits a 400's fields into "mapping.<field>" → field and "mapping" → "". */
export function mappingErrorsOf(error: unknown): Record<string, string> | null {
  if (!isApiError(error) || !error.fields) return null;
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    if (path === "mapping") errors[""] = message;
    else if (path.startsWith("mapping.")) errors[path.slice("mapping.".length)] = message;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

/**
 * Previews an uploaded import with `mapping`, again (after `delayMs` without changes) whenever the mapping
 * changes. Only the latest mapping's answer counts: earlier requests are aborted.
 */
export function useImportPreview(importId: string | null, mapping: ImportMapping, delayMs = 300): ImportPreview {
  const key = importId ? `${importId}:${JSON.stringify(mapping)}` : "";
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    if (!importId) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      previewImport(importId, mapping, controller.signal).then(
        (rows) => setAnswer({ key, rows, mappingErrors: {}, error: null }),
        (error: unknown) => {
          if (isAbortError(error) || controller.signal.aborted) return;
          const mappingErrors = mappingErrorsOf(error);
          setAnswer({ key, rows: [], mappingErrors: mappingErrors ?? {}, error: mappingErrors ? null : errorMessage(error) });
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` stands for importId and the mapping's content (a new object with the same columns changes nothing).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delayMs]);

  const current = answer?.key === key ? answer : null;
  return {
    loading: Boolean(importId) && current === null,
    // While a new preview loads, the last one stays on screen (dimmed by the caller) rather than flashing empty.
    rows: current?.rows ?? answer?.rows ?? [],
    mappingErrors: current?.mappingErrors ?? {},
    error: current?.error ?? null,
  };
}
