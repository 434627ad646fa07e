// The reverse direction: for one investor, the deals that fit, best first — through any DealMatcher.
import { ruleBasedMatcher } from "./ruleBasedMatcher";
import type { DealFacts, DealMatcher, InvestorProfile, MatchOptions, MatchResult } from "./types";

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Runs matcher.match(deal, [investor]) for each deal (pass only open deals) and ranks the results the same way:
 * eligible by score desc, ties by deal id; excluded deals (with opts.includeExcluded) after them by deal id.
 * Works with any DealMatcher, so a learned model serves both directions.
 */
export function matchDealsForInvestor(
  investor: InvestorProfile,
  deals: readonly DealFacts[],
  opts: MatchOptions = {},
  matcher: DealMatcher = ruleBasedMatcher,
): MatchResult[] {
  const single = [investor];
  const perDeal: MatchOptions = { includeExcluded: opts.includeExcluded, minScore: opts.minScore };
  const results: MatchResult[] = [];
  for (const deal of deals) {
    const [result] = matcher.match(deal, single, perDeal);
    if (result) results.push(result);
  }
  results.sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score || byId(a.dealId, b.dealId));
  return opts.limit === undefined ? results : results.slice(0, Math.max(0, opts.limit));
}
