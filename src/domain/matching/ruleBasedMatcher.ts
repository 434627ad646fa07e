// The rule-based DealMatcher: hard constraints, then a weighted 0–100 score with reasons.
import { constraintNames, failedConstraints, marketMatch } from "./constraints";
import { prepareDeal, preparedInvestor } from "./normalize";
import { type DealText, dealText, exclusionReasons, matchReasons } from "./reasons";
import { DEFAULT_WEIGHTS, scoreComponents, weightedScore } from "./score";
import type { DealFacts, DealMatcher, InvestorProfile, MarketMatch, MatchOptions, MatchResult, ScoreWeights } from "./types";

export const RULE_BASED_VERSION = "rules-1";

const MARKETS: readonly MarketMatch[] = ["zip", "city", "state", "any"];

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function scoredResult(deal: DealFacts, text: DealText, investor: InvestorProfile, market: MarketMatch, score: number): MatchResult {
  return {
    investorId: investor.id,
    dealId: deal.id,
    eligible: true,
    score,
    reasons: matchReasons(investor, preparedInvestor(investor), deal, text, market),
    components: scoreComponents(investor, deal, market),
    failed: [],
    marketMatch: market,
  };
}

function excludedResult(deal: DealFacts, text: DealText, investor: InvestorProfile, mask: number): MatchResult {
  return {
    investorId: investor.id,
    dealId: deal.id,
    eligible: false,
    score: 0,
    reasons: exclusionReasons(investor, preparedInvestor(investor), text, mask),
    components: null,
    failed: constraintNames(mask),
    marketMatch: null,
  };
}

/**
 * A rule-based matcher. For each investor: hard constraints (see constraints.ts); if all pass,
 * score = 100 × Σ w_i × c_i / Σ w_i over the components in score.ts. Results: eligible by score desc, ties by
 * investor id asc; then, with includeExcluded, the excluded by id. The first pass keeps only numbers in typed
 * arrays; result objects and reasons are built only for what is returned (after minScore and limit), so a UI
 * asking for the top 20 of 10,000 pays for 20 sets of reasons.
 * Custom weights change the version string so stored recommendations say how they were made.
 */
export function createRuleBasedMatcher(weights: Partial<ScoreWeights> = {}): DealMatcher {
  const w: ScoreWeights = { ...DEFAULT_WEIGHTS, ...weights };
  const custom = Object.keys(weights).length > 0;
  const version = custom ? `${RULE_BASED_VERSION};${Object.entries(w).map(([k, v]) => `${k}=${v}`).join(",")}` : RULE_BASED_VERSION;

  return {
    version,
    match(deal: DealFacts, investors: readonly InvestorProfile[], opts: MatchOptions = {}): MatchResult[] {
      const preparedDeal = prepareDeal(deal);
      const minScore = opts.minScore ?? Number.NEGATIVE_INFINITY;
      const limit = Math.max(0, opts.limit ?? Number.POSITIVE_INFINITY);
      const n = investors.length;
      const scores = new Float64Array(n);
      const markets = new Uint8Array(n);
      const eligible: number[] = [];
      const excluded: number[] = [];
      const masks = opts.includeExcluded ? new Uint8Array(n) : null;

      for (let i = 0; i < n; i++) {
        const investor = investors[i];
        const prepared = preparedInvestor(investor);
        const market = marketMatch(prepared, preparedDeal);
        const mask = failedConstraints(investor, prepared, deal, preparedDeal, market);
        if (mask !== 0 || market === null) {
          if (masks) {
            masks[i] = mask;
            excluded.push(i);
          }
          continue;
        }
        const score = weightedScore(scoreComponents(investor, deal, market), w);
        if (score < minScore) continue;
        scores[i] = score;
        markets[i] = MARKETS.indexOf(market);
        eligible.push(i);
      }

      eligible.sort((a, b) => scores[b] - scores[a] || byId(investors[a].id, investors[b].id));
      const text = dealText(deal, preparedDeal);
      const results: MatchResult[] = [];
      for (let k = 0; k < eligible.length && results.length < limit; k++) {
        const i = eligible[k];
        results.push(scoredResult(deal, text, investors[i], MARKETS[markets[i]], scores[i]));
      }
      if (masks && results.length < limit) {
        excluded.sort((a, b) => byId(investors[a].id, investors[b].id));
        for (let k = 0; k < excluded.length && results.length < limit; k++) results.push(excludedResult(deal, text, investors[excluded[k]], masks[excluded[k]]));
      }
      return results;
    },
  };
}

/** The matcher with the default weights (return 30, risk 20, market 15, capital 15, hold 10, leverage 10). */
export const ruleBasedMatcher: DealMatcher = createRuleBasedMatcher();
