import { parsePhoneNumberFromString } from "libphonenumber-js/max";

export interface PhoneCheck {
  input: string;
  valid: boolean;
  e164: string | null;
  /** MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, VOIP, TOLL_FREE … when the numbering plan says; null otherwise. */
  type: string | null;
  /** ISO country, e.g. "US". */
  region: string | null;
  /** Whether texts can reach it as far as the number's type tells (mobile or either). */
  textable: boolean | null;
}

/** Validates a phone number with libphonenumber-js's full metadata (US numbers without a country code assumed). */
export function checkPhone(raw: string, defaultCountry: "US" = "US"): PhoneCheck {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  if (!parsed) return { input: raw, valid: false, e164: null, type: null, region: null, textable: null };
  const valid = parsed.isValid();
  const type = valid ? (parsed.getType() ?? null) : null;
  return {
    input: raw,
    valid,
    e164: valid ? parsed.number : null,
    type,
    region: parsed.country ?? null,
    textable: type === null ? null : type === "MOBILE" || type === "FIXED_LINE_OR_MOBILE",
  };
}
