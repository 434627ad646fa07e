// Maximum allowable offer (MAO): the 70% rule, or any other percentage of ARV.

export interface MaxAllowableOfferInput {
  /** After-repair value, dollars. */
  arv: number;
  /** Repair budget, dollars. */
  repairs: number;
  /** Fraction of ARV the buyer will pay all-in; the classic rule is 0.70. */
  percent?: number;
  /** Assignment fee a wholesaler keeps, dollars. */
  wholesaleFee?: number;
}

/** The 70% rule's percentage. */
export const DEFAULT_MAO_PERCENT = 0.7;

/**
 * MAO = ARV × percent − repairs − wholesaleFee (percent defaults to 0.70, fee to 0).
 * May be negative: the deal does not work at any price, and the UI should say so rather than clamp it.
 */
export function maxAllowableOffer({ arv, repairs, percent = DEFAULT_MAO_PERCENT, wholesaleFee = 0 }: MaxAllowableOfferInput): number {
  return arv * percent - repairs - wholesaleFee;
}
