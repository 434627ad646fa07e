/** Trimmed and lowercased; null when empty. (Syntax is checked by the zod schemas.) */
export function normalizeEmail(value: string | null | undefined): string | null {
  const v = (value ?? "").trim().toLowerCase();
  return v === "" ? null : v;
}
