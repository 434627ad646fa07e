// Investor ↔ deal matching: the DealMatcher interface, the rule-based matcher, and the reverse lookup.
export * from "./constraints";
export * from "./format";
export * from "./matchDealsForInvestor";
export * from "./normalize";
export * from "./reasons";
export * from "./ruleBasedMatcher";
export * from "./score";
export * from "./types";
