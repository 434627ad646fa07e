// The org's investor buy boxes for scoring single leads, kept in memory for a minute. Scoring one lead needs the
// count of buy boxes its property fits (a lead feature); reading and parsing every investor of the org on each
// scoring call cost time proportional to the org's investors (1,000s for an active firm) on what should be a
// millisecond path. A new or edited investor counts in scores within BUY_BOX_TTL_MS; training reads them fresh.

import type { InvestorBuyBox } from "../../../../ml/features/leadHistory";

export const BUY_BOX_TTL_MS = 60_000;
const MAX_ORGS = 1_000;
const cache = new Map<string, { boxes: InvestorBuyBox[]; until: number }>();

export function cachedBuyBoxes(orgId: string, now = Date.now()): InvestorBuyBox[] | undefined {
  const hit = cache.get(orgId);
  if (!hit) return undefined;
  if (hit.until <= now) {
    cache.delete(orgId);
    return undefined;
  }
  return hit.boxes;
}

export function rememberBuyBoxes(orgId: string, boxes: InvestorBuyBox[], now = Date.now()): void {
  if (cache.size >= MAX_ORGS && !cache.has(orgId)) cache.delete(cache.keys().next().value!);
  cache.set(orgId, { boxes, until: now + BUY_BOX_TTL_MS });
}

/** For tests, and after changes a caller wants seen at once. */
export function forgetBuyBoxes(orgId?: string): void {
  if (orgId) cache.delete(orgId);
  else cache.clear();
}
