/**
 * What a person typed in the lead search box → a prefix tsquery over the leads' 'simple' search vector, or
 * null when nothing searchable is left. Every word must match the start of some word of the lead:
 * "rosa char" finds Rosa in Charlotte; "(704) 555-01" finds +17045550199 (phones are indexed by their last
 * 10 and 7 digits); "rosa@exa" finds rosa@example.com (emails are indexed whole and by their parts).
 */
export function toPrefixTsQuery(q: string | undefined): string | null {
  if (!q) return null;
  const digits = q.replace(/\D/g, "");
  const looksLikePhone = /^[\d\s().+-]+$/.test(q.trim()) && digits.length >= 3;
  const words = looksLikePhone
    ? [digits.length > 10 ? digits.slice(-10) : digits]
    : q
        .toLowerCase()
        .split(/[\s@.,;:/\\()"'!?&|<>*+=~^$#%{}[\]-]+/)
        .map((w) => w.replace(/[^\p{L}\p{N}_]/gu, ""))
        .filter(Boolean);
  if (words.length === 0) return null;
  return words.slice(0, 8).map((w) => `'${w}':*`).join(" & ");
}
