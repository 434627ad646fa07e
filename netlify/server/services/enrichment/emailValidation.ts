import emailSpellChecker from "@zootools/email-spell-checker";
import disposableDomains from "disposable-email-domains";

/** Mailbox names that reach a team or a robot rather than a person (sales@, info@ …). */
const ROLE_LOCAL_PARTS = new Set([
  "admin", "administrator", "billing", "contact", "customerservice", "enquiries", "help", "hello", "hr", "info", "inquiries",
  "jobs", "marketing", "media", "no-reply", "noreply", "office", "postmaster", "press", "privacy", "sales", "security",
  "service", "support", "team", "webmaster",
]);

/** Consumer mailbox providers (a lead on one is a person, not a company domain). */
const FREE_PROVIDERS = new Set([
  "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "rocketmail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
  "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "gmx.com", "gmx.us", "mail.com", "zoho.com",
  "yandex.com", "att.net", "sbcglobal.net", "bellsouth.net", "comcast.net", "verizon.net", "cox.net", "charter.net", "earthlink.net",
]);

const DISPOSABLE = new Set<string>(disposableDomains as string[]);
const SYNTAX = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export interface EmailCheck {
  email: string;
  validSyntax: boolean;
  disposable: boolean;
  role: boolean;
  freeProvider: boolean;
  /** "gmial.com" → "bob@gmail.com"; null when nothing looks misspelled. */
  suggestion: string | null;
  /** MX records: true/false when looked up, null when not checked or the lookup failed (no network, timeout). */
  hasMx: boolean | null;
}

/** Offline checks of an email address: syntax, disposable domain, role mailbox, free provider, likely typo. */
export function checkEmail(raw: string): EmailCheck {
  const email = raw.trim().toLowerCase();
  const validSyntax = SYNTAX.test(email);
  const [local = "", domain = ""] = email.split("@");
  const fix = validSyntax ? emailSpellChecker.run({ email }) : undefined;
  return {
    email,
    validSyntax,
    disposable: DISPOSABLE.has(domain),
    role: ROLE_LOCAL_PARTS.has(local.replace(/[._+].*$/, "")),
    freeProvider: FREE_PROVIDERS.has(domain),
    suggestion: fix && fix.full !== email ? fix.full : null,
    hasMx: null,
  };
}

/** Looks up the domain's MX records with a short timeout; null when the network can't say (offline, timeout). */
export async function lookupMx(domain: string, timeoutMs = 1500, resolve?: (d: string) => Promise<unknown[]>): Promise<boolean | null> {
  const resolver = resolve ?? (async (d: string) => (await import("node:dns/promises")).resolveMx(d));
  let timer: NodeJS.Timeout | undefined;
  try {
    const records = await Promise.race([resolver(domain), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), timeoutMs)))]);
    return records.length > 0;
  } catch (err) {
    const code = (err as { code?: string }).code;
    return code === "ENOTFOUND" || code === "ENODATA" ? false : null;
  } finally {
    clearTimeout(timer);
  }
}
