import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * A phone number in E.164 (+15125550134), read as a US number unless it carries its own country code.
 * Refuses what cannot be a real number, so "555" or "call me" never become a lead's phone.
 */
export function normalizePhone(value: string | null | undefined, defaultCountry: CountryCode = "US"): PhoneResult | null {
  const raw = (value ?? "").trim();
  if (raw === "") return null;
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  if (!parsed || !parsed.isPossible()) return { ok: false, reason: "is not a phone number" };
  if (!parsed.isValid()) return { ok: false, reason: "is not a valid phone number" };
  return { ok: true, e164: parsed.number };
}
