import { describe, expect, it } from "vitest";
import {
  conditionGroupSchema,
  conditionRuleSchema,
  describeConditions,
  evaluateConditions,
  evaluateRule,
  fieldsUsed,
  OPERATORS,
  OPERATORS_BY_TYPE,
  UNARY_OPERATORS,
  WORKFLOW_FIELDS,
  type ConditionGroup,
  type ConditionRule,
  type SubjectSnapshot,
} from "./conditions";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

/** A rule as the engine sees it (parsed by the schema first, so every rule here is one the schema accepts). */
const rule = (r: Record<string, unknown>): ConditionRule => conditionRuleSchema.parse(r);
const test = (r: Record<string, unknown>, subject: SubjectSnapshot) => evaluateRule(rule(r), subject, NOW);

/** The issues the schema reports for a rule, as "path: message". */
const problems = (r: Record<string, unknown>) => {
  const parsed = conditionRuleSchema.safeParse(r);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("evaluateRule on text fields", () => {
  const subject: SubjectSnapshot = { "lead.source": "Facebook Ads", "lead.city": "Austin" };

  it("equals / not_equals ignore case", () => {
    expect(test({ field: "lead.source", operator: "equals", value: "facebook ads" }, subject)).toBe(true);
    expect(test({ field: "lead.source", operator: "equals", value: "FACEBOOK ADS" }, subject)).toBe(true);
    expect(test({ field: "lead.source", operator: "equals", value: "facebook" }, subject)).toBe(false);
    expect(test({ field: "lead.source", operator: "not_equals", value: "FACEBOOK ads" }, subject)).toBe(false);
    expect(test({ field: "lead.source", operator: "not_equals", value: "Google" }, subject)).toBe(true);
  });

  it("in / not_in compare each listed value ignoring case", () => {
    expect(test({ field: "lead.city", operator: "in", value: ["Dallas", "AUSTIN"] }, subject)).toBe(true);
    expect(test({ field: "lead.city", operator: "in", value: ["Dallas", "Houston"] }, subject)).toBe(false);
    expect(test({ field: "lead.city", operator: "not_in", value: ["Dallas", "austin"] }, subject)).toBe(false);
    expect(test({ field: "lead.city", operator: "not_in", value: ["Dallas"] }, subject)).toBe(true);
  });

  it("contains / not_contains / starts_with are substring tests ignoring case", () => {
    expect(test({ field: "lead.source", operator: "contains", value: "BOOK" }, subject)).toBe(true);
    expect(test({ field: "lead.source", operator: "contains", value: "google" }, subject)).toBe(false);
    expect(test({ field: "lead.source", operator: "not_contains", value: "ads" }, subject)).toBe(false);
    expect(test({ field: "lead.source", operator: "not_contains", value: "google" }, subject)).toBe(true);
    expect(test({ field: "lead.source", operator: "starts_with", value: "face" }, subject)).toBe(true);
    expect(test({ field: "lead.source", operator: "starts_with", value: "ads" }, subject)).toBe(false);
  });

  it("is_empty / is_not_empty treat null, undefined and \"\" as empty", () => {
    for (const value of [null, undefined, ""]) {
      const s: SubjectSnapshot = { "lead.email": value as string | null };
      expect(test({ field: "lead.email", operator: "is_empty" }, s)).toBe(true);
      expect(test({ field: "lead.email", operator: "is_not_empty" }, s)).toBe(false);
    }
    expect(test({ field: "lead.email", operator: "is_empty" }, { "lead.email": "a@b.co" })).toBe(false);
    expect(test({ field: "lead.email", operator: "is_not_empty" }, { "lead.email": "a@b.co" })).toBe(true);
  });
});

describe("evaluateRule on enum fields", () => {
  const subject: SubjectSnapshot = { "lead.status": "contacted", "opportunity.status": "open" };

  it("equals, not_equals, in and not_in", () => {
    expect(test({ field: "lead.status", operator: "equals", value: "contacted" }, subject)).toBe(true);
    expect(test({ field: "lead.status", operator: "equals", value: "new" }, subject)).toBe(false);
    expect(test({ field: "lead.status", operator: "not_equals", value: "new" }, subject)).toBe(true);
    expect(test({ field: "lead.status", operator: "in", value: ["new", "contacted"] }, subject)).toBe(true);
    expect(test({ field: "lead.status", operator: "in", value: ["new", "qualified"] }, subject)).toBe(false);
    expect(test({ field: "lead.status", operator: "not_in", value: ["new", "qualified"] }, subject)).toBe(true);
    expect(test({ field: "opportunity.status", operator: "not_in", value: ["open"] }, subject)).toBe(false);
  });

  it("compares a stored value in another case equal", () => {
    expect(test({ field: "lead.status", operator: "equals", value: "contacted" }, { "lead.status": "CONTACTED" })).toBe(true);
  });
});

describe("evaluateRule on number fields", () => {
  const subject: SubjectSnapshot = { "lead.score": 50, "property.beds": 3 };

  it("equals / not_equals compare as numbers, also when the value was typed as text", () => {
    expect(test({ field: "lead.score", operator: "equals", value: 50 }, subject)).toBe(true);
    expect(test({ field: "lead.score", operator: "equals", value: "50" }, subject)).toBe(true);
    expect(test({ field: "lead.score", operator: "equals", value: "50.0" }, subject)).toBe(true); // a text compare would say no
    expect(test({ field: "lead.score", operator: "equals", value: 49 }, subject)).toBe(false);
    expect(test({ field: "lead.score", operator: "not_equals", value: 49 }, subject)).toBe(true);
    expect(test({ field: "lead.score", operator: "not_equals", value: "50" }, subject)).toBe(false);
  });

  it("gt, gte, lt and lte around the boundary", () => {
    expect(test({ field: "lead.score", operator: "gt", value: 49 }, subject)).toBe(true);
    expect(test({ field: "lead.score", operator: "gt", value: 50 }, subject)).toBe(false);
    expect(test({ field: "lead.score", operator: "gte", value: 50 }, subject)).toBe(true);
    expect(test({ field: "lead.score", operator: "gte", value: 51 }, subject)).toBe(false);
    expect(test({ field: "lead.score", operator: "lt", value: 51 }, subject)).toBe(true);
    expect(test({ field: "lead.score", operator: "lt", value: 50 }, subject)).toBe(false);
    expect(test({ field: "lead.score", operator: "lte", value: 50 }, subject)).toBe(true);
    expect(test({ field: "lead.score", operator: "lte", value: 49 }, subject)).toBe(false);
  });

  it("compares numerically, not as text (10 > 9)", () => {
    expect(test({ field: "property.beds", operator: "gt", value: "10" }, { "property.beds": 9 })).toBe(false);
    expect(test({ field: "property.beds", operator: "lt", value: 10 }, { "property.beds": 9 })).toBe(true);
  });

  it("zero is a value, not empty", () => {
    expect(test({ field: "lead.score", operator: "is_empty" }, { "lead.score": 0 })).toBe(false);
    expect(test({ field: "lead.score", operator: "equals", value: 0 }, { "lead.score": 0 })).toBe(true);
    expect(test({ field: "lead.score", operator: "lt", value: 1 }, { "lead.score": 0 })).toBe(true);
  });
});

describe("evaluateRule on date fields (now fixed)", () => {
  it("within_last_days: at most n days before now", () => {
    const r = { field: "lead.createdAt", operator: "within_last_days", value: 7 };
    expect(test(r, { "lead.createdAt": daysAgo(1) })).toBe(true);
    expect(test(r, { "lead.createdAt": daysAgo(7) })).toBe(true); // exactly 7 days: inside
    expect(test(r, { "lead.createdAt": daysAgo(7.01) })).toBe(false);
    expect(test(r, { "lead.createdAt": daysAgo(30) })).toBe(false);
    expect(test(r, { "lead.createdAt": NOW.toISOString() })).toBe(true);
  });

  it("within_last_days: a date in the future (beyond a minute's clock skew) is not within the last days", () => {
    const r = { field: "lead.createdAt", operator: "within_last_days", value: 7 };
    expect(test(r, { "lead.createdAt": new Date(NOW.getTime() + 30_000).toISOString() })).toBe(true);
    expect(test(r, { "lead.createdAt": daysAgo(-2) })).toBe(false);
  });

  it("not_within_last_days is the negation", () => {
    const r = { field: "opportunity.stageEnteredAt", operator: "not_within_last_days", value: 7 };
    expect(test(r, { "opportunity.stageEnteredAt": daysAgo(8) })).toBe(true);
    expect(test(r, { "opportunity.stageEnteredAt": daysAgo(6) })).toBe(false);
    expect(test(r, { "opportunity.stageEnteredAt": daysAgo(-2) })).toBe(true);
  });

  it("the day count may be typed as text", () => {
    expect(test({ field: "lead.updatedAt", operator: "within_last_days", value: "3" }, { "lead.updatedAt": daysAgo(2) })).toBe(true);
    expect(test({ field: "lead.updatedAt", operator: "within_last_days", value: "3" }, { "lead.updatedAt": daysAgo(4) })).toBe(false);
  });

  it("before / after compare against the given date", () => {
    const s: SubjectSnapshot = { "lead.lastContactedAt": "2026-03-10T15:00:00.000Z" };
    expect(test({ field: "lead.lastContactedAt", operator: "before", value: "2026-04-01" }, s)).toBe(true);
    expect(test({ field: "lead.lastContactedAt", operator: "before", value: "2026-03-01" }, s)).toBe(false);
    expect(test({ field: "lead.lastContactedAt", operator: "after", value: "2026-03-01" }, s)).toBe(true);
    expect(test({ field: "lead.lastContactedAt", operator: "after", value: "2026-04-01" }, s)).toBe(false);
    // Strictly: the same instant is neither before nor after.
    expect(test({ field: "lead.lastContactedAt", operator: "before", value: "2026-03-10T15:00:00.000Z" }, s)).toBe(false);
    expect(test({ field: "lead.lastContactedAt", operator: "after", value: "2026-03-10T15:00:00.000Z" }, s)).toBe(false);
  });

  it("uses the now it is given, not the clock", () => {
    const r = rule({ field: "lead.createdAt", operator: "within_last_days", value: 1 });
    const s: SubjectSnapshot = { "lead.createdAt": "2020-01-01T00:00:00.000Z" };
    expect(evaluateRule(r, s, new Date("2020-01-01T12:00:00.000Z"))).toBe(true);
    expect(evaluateRule(r, s, new Date("2020-01-05T12:00:00.000Z"))).toBe(false);
  });
});

describe("evaluateRule on tags", () => {
  const subject: SubjectSnapshot = { "lead.tags": ["Hot", "probate"] };

  it("contains / not_contains match a whole tag ignoring case, not a substring", () => {
    expect(test({ field: "lead.tags", operator: "contains", value: "hot" }, subject)).toBe(true);
    expect(test({ field: "lead.tags", operator: "contains", value: "PROBATE" }, subject)).toBe(true);
    expect(test({ field: "lead.tags", operator: "contains", value: "ho" }, subject)).toBe(false);
    expect(test({ field: "lead.tags", operator: "contains", value: "cold" }, subject)).toBe(false);
    expect(test({ field: "lead.tags", operator: "not_contains", value: "HOT" }, subject)).toBe(false);
    expect(test({ field: "lead.tags", operator: "not_contains", value: "cold" }, subject)).toBe(true);
    expect(test({ field: "lead.tags", operator: "not_contains", value: "pro" }, subject)).toBe(true);
  });

  it("an empty list is empty", () => {
    expect(test({ field: "lead.tags", operator: "is_empty" }, { "lead.tags": [] })).toBe(true);
    expect(test({ field: "lead.tags", operator: "is_not_empty" }, { "lead.tags": [] })).toBe(false);
    expect(test({ field: "lead.tags", operator: "is_empty" }, subject)).toBe(false);
    expect(test({ field: "lead.tags", operator: "is_not_empty" }, subject)).toBe(true);
    expect(test({ field: "lead.tags", operator: "contains", value: "hot" }, { "lead.tags": [] })).toBe(false);
    expect(test({ field: "lead.tags", operator: "not_contains", value: "hot" }, { "lead.tags": [] })).toBe(true);
  });
});

describe("evaluateRule on booleans", () => {
  it("is_true / is_false need the value itself; null is neither", () => {
    expect(test({ field: "enrichment.phoneValid", operator: "is_true" }, { "enrichment.phoneValid": true })).toBe(true);
    expect(test({ field: "enrichment.phoneValid", operator: "is_false" }, { "enrichment.phoneValid": true })).toBe(false);
    expect(test({ field: "enrichment.phoneValid", operator: "is_true" }, { "enrichment.phoneValid": false })).toBe(false);
    expect(test({ field: "enrichment.phoneValid", operator: "is_false" }, { "enrichment.phoneValid": false })).toBe(true);
    expect(test({ field: "enrichment.phoneValid", operator: "is_true" }, { "enrichment.phoneValid": null })).toBe(false);
    expect(test({ field: "enrichment.phoneValid", operator: "is_false" }, { "enrichment.phoneValid": null })).toBe(false);
    expect(test({ field: "enrichment.emailValid", operator: "is_true" }, {})).toBe(false);
    expect(test({ field: "enrichment.emailValid", operator: "is_false" }, {})).toBe(false);
  });

  it("is_empty: not known yet (null) is empty; false is a value", () => {
    expect(test({ field: "enrichment.phoneValid", operator: "is_empty" }, { "enrichment.phoneValid": null })).toBe(true);
    expect(test({ field: "enrichment.phoneValid", operator: "is_empty" }, { "enrichment.phoneValid": false })).toBe(false);
  });
});

describe("evaluateRule on a missing value", () => {
  // One valid rule for every (field type, operator) pair the schema allows.
  const sampleValue = (type: string, op: string): unknown => {
    if (UNARY_OPERATORS.includes(op as never)) return undefined;
    if (op === "in" || op === "not_in") return type === "enum" ? ["new"] : ["x"];
    if (op === "within_last_days" || op === "not_within_last_days") return 5;
    if (op === "before" || op === "after") return "2026-01-01";
    if (type === "number") return 5;
    if (type === "enum") return "new";
    return "x";
  };
  const representative = { string: "lead.source", number: "lead.score", date: "lead.createdAt", enum: "lead.status", tags: "lead.tags", boolean: "enrichment.phoneValid" } as const;
  const PASS_WHEN_MISSING = new Set(["is_empty", "not_equals", "not_in", "not_contains", "not_within_last_days"]);

  const cases = Object.entries(OPERATORS_BY_TYPE).flatMap(([type, ops]) => ops.map((op) => [type, op] as const));
  it.each(cases)("%s field, %s", (type, op) => {
    const field = representative[type as keyof typeof representative];
    const value = sampleValue(type, op);
    const r = rule({ field, operator: op, ...(value === undefined ? {} : { value }) });
    const expected = PASS_WHEN_MISSING.has(op);
    for (const missing of [{}, { [field]: null }] as SubjectSnapshot[]) expect(evaluateRule(r, missing, NOW)).toBe(expected);
  });

  it("covers every operator", () => {
    expect(new Set(cases.map(([, op]) => op))).toEqual(new Set(OPERATORS));
  });
});

describe("evaluateConditions", () => {
  const subject: SubjectSnapshot = { "lead.status": "new", "lead.score": 80, "lead.state": "TX", "lead.tags": ["hot"] };
  const isNew = { field: "lead.status", operator: "equals", value: "new" } as ConditionRule;
  const isDead = { field: "lead.status", operator: "equals", value: "dead" } as ConditionRule;
  const highScore = { field: "lead.score", operator: "gte", value: 50 } as ConditionRule;
  const inFlorida = { field: "lead.state", operator: "equals", value: "FL" } as ConditionRule;

  it("AND needs every rule; OR any rule", () => {
    expect(evaluateConditions({ op: "and", rules: [isNew, highScore] }, subject, NOW)).toBe(true);
    expect(evaluateConditions({ op: "and", rules: [isNew, inFlorida] }, subject, NOW)).toBe(false);
    expect(evaluateConditions({ op: "or", rules: [isDead, inFlorida] }, subject, NOW)).toBe(false);
    expect(evaluateConditions({ op: "or", rules: [isDead, highScore] }, subject, NOW)).toBe(true);
  });

  it("empty groups: AND is true (always), OR is false (never)", () => {
    expect(evaluateConditions({ op: "and", rules: [] }, subject, NOW)).toBe(true);
    expect(evaluateConditions({ op: "or", rules: [] }, subject, NOW)).toBe(false);
    expect(evaluateConditions({ op: "and", rules: [] }, {}, NOW)).toBe(true);
  });

  it("nests groups: status new AND (in Florida OR score ≥ 50)", () => {
    const group: ConditionGroup = { op: "and", rules: [isNew, { op: "or", rules: [inFlorida, highScore] }] };
    expect(evaluateConditions(group, subject, NOW)).toBe(true);
    expect(evaluateConditions(group, { ...subject, "lead.score": 10 }, NOW)).toBe(false);
    expect(evaluateConditions(group, { ...subject, "lead.score": 10, "lead.state": "fl" }, NOW)).toBe(true);
    expect(evaluateConditions(group, { ...subject, "lead.status": "dead" }, NOW)).toBe(false);
  });

  it("a nested empty group counts as its own verdict", () => {
    expect(evaluateConditions({ op: "and", rules: [isNew, { op: "or", rules: [] }] }, subject, NOW)).toBe(false);
    expect(evaluateConditions({ op: "or", rules: [isDead, { op: "and", rules: [] }] }, subject, NOW)).toBe(true);
  });

  it("passes now down to nested date rules", () => {
    const recent: ConditionGroup = { op: "or", rules: [{ op: "and", rules: [{ field: "lead.createdAt", operator: "within_last_days", value: 1 }] }] };
    const s: SubjectSnapshot = { "lead.createdAt": "2026-06-15T00:00:00.000Z" };
    expect(evaluateConditions(recent, s, NOW)).toBe(true);
    expect(evaluateConditions(recent, s, new Date("2026-06-20T00:00:00.000Z"))).toBe(false);
  });
});

describe("conditionRuleSchema", () => {
  it("accepts a valid rule of every field type", () => {
    expect(problems({ field: "lead.source", operator: "contains", value: "ads" })).toEqual([]);
    expect(problems({ field: "lead.score", operator: "gt", value: 10 })).toEqual([]);
    expect(problems({ field: "lead.score", operator: "gt", value: "10" })).toEqual([]);
    expect(problems({ field: "lead.createdAt", operator: "before", value: "2026-01-01" })).toEqual([]);
    expect(problems({ field: "lead.status", operator: "in", value: ["new", "dead"] })).toEqual([]);
    expect(problems({ field: "lead.tags", operator: "not_contains", value: "cold" })).toEqual([]);
    expect(problems({ field: "enrichment.phoneValid", operator: "is_true" })).toEqual([]);
    expect(problems({ field: "enrichment.phoneValid", operator: "is_empty", value: "" })).toEqual([]);
  });

  it("refuses an operator that doesn't fit the field's type, naming both", () => {
    expect(problems({ field: "lead.score", operator: "contains", value: "5" })).toEqual(['operator: "contains" does not apply to Lead score (number)']);
    expect(problems({ field: "lead.source", operator: "gt", value: 5 })).toEqual(['operator: "is greater than" does not apply to Lead source (string)']);
    expect(problems({ field: "lead.createdAt", operator: "equals", value: "2026-01-01" })).toHaveLength(1);
    expect(problems({ field: "lead.status", operator: "is_empty" })).toEqual(['operator: "is empty" does not apply to Lead status (enum)']);
    expect(problems({ field: "lead.tags", operator: "equals", value: "hot" })[0]).toMatch(/^operator: /);
    expect(problems({ field: "enrichment.phoneValid", operator: "equals", value: "true" })[0]).toMatch(/^operator: /);
    expect(problems({ field: "lead.source", operator: "is_true" })[0]).toMatch(/^operator: /);
  });

  it("every type's operator list is enforced, and only those", () => {
    for (const f of WORKFLOW_FIELDS) {
      for (const op of OPERATORS) {
        const fits = OPERATORS_BY_TYPE[f.type].includes(op);
        const opProblem = problems({ field: f.path, operator: op }).some((p) => p.startsWith("operator:"));
        expect(opProblem, `${f.path} ${op}`).toBe(!fits);
      }
    }
  });

  it("refuses an enum value that isn't allowed", () => {
    expect(problems({ field: "lead.status", operator: "equals", value: "archived" })).toEqual(["value: must be one of new, contacted, qualified, nurturing, unqualified, converted, dead"]);
    expect(problems({ field: "opportunity.status", operator: "in", value: ["open", "stalled"] })).toEqual(['value: "stalled" is not one of open, won, lost']);
    expect(problems({ field: "opportunity.status", operator: "not_equals", value: "won" })).toEqual([]);
  });

  it("refuses a non-number for number fields and day counts, and days out of range", () => {
    expect(problems({ field: "lead.score", operator: "gte", value: "lots" })).toEqual(["value: must be a number"]);
    expect(problems({ field: "property.sqft", operator: "equals", value: "12x" })).toEqual(["value: must be a number"]);
    expect(problems({ field: "lead.createdAt", operator: "within_last_days", value: "a week" })).toEqual(["value: must be a number"]);
    expect(problems({ field: "lead.createdAt", operator: "within_last_days", value: -1 })).toEqual(["value: must be between 0 and 3650 days"]);
    expect(problems({ field: "lead.createdAt", operator: "not_within_last_days", value: 3651 })).toEqual(["value: must be between 0 and 3650 days"]);
    expect(problems({ field: "lead.createdAt", operator: "within_last_days", value: 3650 })).toEqual([]);
  });

  it("refuses a date that doesn't parse for before/after", () => {
    expect(problems({ field: "lead.createdAt", operator: "after", value: "last tuesday" })).toEqual(["value: must be a date (YYYY-MM-DD)"]);
  });

  it("a value is required by every operator but the unary ones", () => {
    expect(problems({ field: "lead.source", operator: "equals" })).toEqual(["value: is required"]);
    expect(problems({ field: "lead.source", operator: "equals", value: "" })).toEqual(["value: is required"]);
    expect(problems({ field: "lead.score", operator: "gt" })).toEqual(["value: is required"]);
    expect(problems({ field: "lead.tags", operator: "contains" })).toEqual(["value: is required"]);
    expect(problems({ field: "lead.createdAt", operator: "within_last_days" })).toEqual(["value: is required"]);
  });

  it("blank text is no value: a number rule of \"  \" is refused, not read as 0", () => {
    expect(problems({ field: "lead.score", operator: "gt", value: "  " })).toEqual(["value: is required"]);
    expect(problems({ field: "lead.createdAt", operator: "within_last_days", value: " " })).toEqual(["value: is required"]);
    expect(problems({ field: "lead.source", operator: "equals", value: "   " })).toEqual(["value: is required"]);
  });

  it("a unary operator takes no value", () => {
    expect(problems({ field: "lead.email", operator: "is_empty", value: "x" })).toEqual(["value: takes no value"]);
    expect(problems({ field: "lead.tags", operator: "is_not_empty", value: ["a"] })).toEqual(["value: takes no value"]);
    expect(problems({ field: "enrichment.phoneValid", operator: "is_true", value: 1 })).toEqual(["value: takes no value"]);
  });

  it("in / not_in need a non-empty list; the others a single value", () => {
    expect(problems({ field: "lead.city", operator: "in", value: "Austin" })).toEqual(["value: must be a list of at least one value"]);
    expect(problems({ field: "lead.city", operator: "not_in", value: [] })).toEqual(["value: must be a list of at least one value"]);
    expect(problems({ field: "lead.city", operator: "equals", value: ["Austin"] })).toEqual(["value: must be a single value"]);
  });

  it("refuses unknown fields, unknown operators and extra keys", () => {
    expect(conditionRuleSchema.safeParse({ field: "lead.nickname", operator: "equals", value: "x" }).success).toBe(false);
    expect(conditionRuleSchema.safeParse({ field: "lead.source", operator: "matches", value: "x" }).success).toBe(false);
    expect(conditionRuleSchema.safeParse({ field: "lead.source", operator: "equals", value: "x", extra: 1 }).success).toBe(false);
    expect(conditionRuleSchema.safeParse({ field: "lead.source", operator: "equals", value: { x: 1 } }).success).toBe(false);
  });

  it("the group schema checks nested rules and refuses a bad op", () => {
    expect(conditionGroupSchema.safeParse({ op: "and", rules: [{ op: "or", rules: [{ field: "lead.score", operator: "gt", value: 1 }] }] }).success).toBe(true);
    const nestedBad = conditionGroupSchema.safeParse({ op: "and", rules: [{ op: "or", rules: [{ field: "lead.score", operator: "gt", value: "x" }] }] });
    expect(nestedBad.success).toBe(false);
    expect(conditionGroupSchema.safeParse({ op: "xor", rules: [] }).success).toBe(false);
    expect(conditionGroupSchema.safeParse({ op: "and", rules: Array.from({ length: 51 }, () => ({ field: "lead.score", operator: "gt", value: 1 })) }).success).toBe(false);
  });
});

describe("describeConditions", () => {
  it("reads a group as a sentence with field and operator labels", () => {
    const group: ConditionGroup = {
      op: "and",
      rules: [
        { field: "lead.status", operator: "in", value: ["new", "contacted"] },
        { field: "lead.score", operator: "gte", value: 50 },
      ],
    };
    expect(describeConditions(group)).toBe("Lead status is one of new, contacted AND Lead score is at least 50");
  });

  it("joins OR groups with OR, brackets nested groups, and leaves unary operators without a value", () => {
    const group: ConditionGroup = {
      op: "or",
      rules: [
        { field: "lead.tags", operator: "is_empty" },
        { op: "and", rules: [{ field: "lead.state", operator: "equals", value: "TX" }, { field: "enrichment.phoneValid", operator: "is_true" }] },
      ],
    };
    expect(describeConditions(group)).toBe("Lead tags is empty OR (State is TX AND Phone is valid is true)");
  });

  it("empty groups read as always / never", () => {
    expect(describeConditions({ op: "and", rules: [] })).toBe("always");
    expect(describeConditions({ op: "or", rules: [] })).toBe("never");
    expect(describeConditions({ op: "and", rules: [{ field: "lead.score", operator: "lt", value: 0 }, { op: "or", rules: [] }] })).toBe("Lead score is less than 0 AND (never)");
  });
});

describe("fieldsUsed", () => {
  it("lists each field once, from every depth", () => {
    const group: ConditionGroup = {
      op: "and",
      rules: [
        { field: "lead.status", operator: "equals", value: "new" },
        { op: "or", rules: [{ field: "opportunity.value", operator: "gt", value: 1 }, { op: "and", rules: [{ field: "lead.status", operator: "not_equals", value: "dead" }, { field: "property.beds", operator: "gte", value: 2 }] }] },
      ],
    };
    expect(fieldsUsed(group).sort()).toEqual(["lead.status", "opportunity.value", "property.beds"]);
    expect(fieldsUsed({ op: "or", rules: [] })).toEqual([]);
  });
});
