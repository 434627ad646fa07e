export const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type UtmParams = Partial<Record<UtmKey, string>>;

/** The utm_* values of a parsed query (first value of a repeated key; blanks and over-long values left out). */
export function pickUtm(search: Record<string, unknown>): UtmParams {
  const utm: UtmParams = {};
  for (const key of UTM_KEYS) {
    const raw = search[key];
    const value = String((Array.isArray(raw) ? raw[0] : raw) ?? "").trim();
    // The API keeps at most 200 characters of each; longer is not a real campaign tag.
    if (value && value.length <= 200) utm[key] = value;
  }
  return utm;
}
