import type { ImportMapping, ImportPreviewRow, LeadImport, UploadedImport } from "@/domain/imports";
import { apiFetch } from "@/lib/api";
import { ApiError } from "@/lib/apiError";
import { sendRequest } from "@/lib/http";
import { useSession } from "@/lib/session";

/** Sends the file as it is (text/csv); 400 fields.file when it has no header or rows, 413 when too large. */
export function uploadImport(file: File): Promise<UploadedImport> {
  return apiFetch<UploadedImport>(`/api/imports?filename=${encodeURIComponent(file.name)}`, {
    method: "POST",
    headers: { "Content-Type": "text/csv" },
    body: file,
  });
}

/** The first 20 rows as they would import with this mapping; 400 fields "mapping.<field>" or "mapping". */
export async function previewImport(id: string, mapping: ImportMapping, signal?: AbortSignal): Promise<ImportPreviewRow[]> {
  const { rows } = await apiFetch<{ rows: ImportPreviewRow[] }>(`/api/imports/${encodeURIComponent(id)}/preview`, {
    method: "POST",
    body: { mapping },
    signal,
  });
  return rows;
}

/** Saves the mapping and queues the import (202); 409 already_started the second time. */
export function startImport(id: string, mapping: ImportMapping): Promise<LeadImport> {
  return apiFetch<LeadImport>(`/api/imports/${encodeURIComponent(id)}/start`, { method: "POST", body: { mapping } });
}

export function getImport(id: string, signal?: AbortSignal): Promise<LeadImport> {
  return apiFetch<LeadImport>(`/api/imports/${encodeURIComponent(id)}`, { signal });
}

/** "leads.csv" → "leads-rejected.csv", as the server names the download. */
export function rejectedFilename(filename: string): string {
  return `${filename.replace(/\.csv$/i, "")}-rejected.csv`;
}

/** The rejected rows as CSV (the file's columns plus "row" and "reason"), fetched as the signed-in user. */
export async function fetchRejectedRows(id: string): Promise<Blob> {
  const { accessToken, activeOrgId } = useSession.getState();
  const headers: Record<string, string> = { Accept: "text/csv" };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (activeOrgId) headers["X-Org-Id"] = activeOrgId;
  const response = await sendRequest(`/api/imports/${encodeURIComponent(id)}/rejected`, { headers });
  if (!response.ok) throw await ApiError.fromResponse(response);
  return response.blob();
}

/** Saves a blob through a temporary object URL and <a download>. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
