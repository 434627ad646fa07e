// What the Models page says about each kind of model (ml_models.kind); unknown kinds get generic words.
export interface KindInfo {
  title: string;
  /** Lower-case name in running text and chart titles. */
  subject: string;
  description: string;
  notTrainedTitle: string;
  /** What one training row is. */
  rowsLabel: string;
  /** What an observed positive is called (classification). */
  outcome: string;
  /** Toast after activating a version. */
  activated: string;
}

const KINDS: Record<string, KindInfo> = {
  lead_conversion: {
    title: "Lead conversion",
    subject: "lead conversion",
    description: "The chance a lead becomes a deal: every lead's score, grade and the factors behind it.",
    notTrainedTitle: "Lead scoring isn't trained yet for this org",
    rowsLabel: "Lead snapshots",
    outcome: "conversion",
    activated: "New lead scores use this version.",
  },
  expected_return: {
    title: "Expected return",
    subject: "expected return",
    description: "A deal's realized return with a 10–90% interval, shown in the forecast on the deal page.",
    notTrainedTitle: "The expected-return model isn't trained yet for this org",
    rowsLabel: "Deals",
    outcome: "positive",
    activated: "New deal forecasts use this version.",
  },
  time_to_close: {
    title: "Time to close",
    subject: "time to close",
    description: "The chance a deal closes within 30, 60 and 90 days, shown in the forecast on the deal page.",
    notTrainedTitle: "The time-to-close model isn't trained yet for this org",
    rowsLabel: "Deals",
    outcome: "positive",
    activated: "New deal forecasts use this version.",
  },
  investor_match: {
    title: "Investor match",
    subject: "investor match",
    description: "The chance an investor is interested in a deal shared with them, blended into the rule-based matching.",
    notTrainedTitle: "The investor-match model isn't trained yet for this org",
    rowsLabel: "Shares",
    outcome: "interested",
    activated: "New match scores use this version.",
  },
};

export const kindInfo = (kind: string): KindInfo =>
  KINDS[kind] ?? {
    title: kind.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()),
    subject: kind.replace(/_/g, " "),
    description: "",
    notTrainedTitle: `The ${kind.replace(/_/g, " ")} model isn't trained yet for this org`,
    rowsLabel: "Rows",
    outcome: "positive",
    activated: "This version is now used.",
  };
