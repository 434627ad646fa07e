// Deal analyzer: pure functions for rental and flip underwriting. Money in dollars, rates as fractions.
export * from "./acquisition";
export * from "./analyzeDeal";
export * from "./analyzeFlip";
export * from "./financing";
export * from "./holding";
export * from "./irr";
export * from "./loan";
export * from "./money";
export * from "./offer";
export * from "./operating";
export * from "./projection";
export * from "./ratio";
export * from "./repairs";
export * from "./returns";
export * from "./schemas";
