// Training parameters: their defaults (XGBoost-like) and validation of user-supplied values.

export type ObjectiveName = "binary" | "squared" | "quantile" | "cox";

export interface TrainParams {
  objective: ObjectiveName;
  /** Quantile objective only: the quantile to estimate, in (0, 1). */
  alpha: number;
  trees: number;
  learningRate: number;
  maxDepth: number;
  /** Leaf-wise growth stops at this many leaves; default 2^maxDepth (then equivalent to depth-wise). */
  maxLeaves: number;
  minChildWeight: number;
  lambda: number;
  /** Minimum gain for a split to be made. */
  minSplitGain: number;
  subsample: number;
  colsampleByTree: number;
  maxBins: number;
  /** 0 = off. Stops when the validation metric has not improved for this many trees. */
  earlyStoppingRounds: number;
  seed: number;
  /** 1 or 2: with 2, a worker thread builds half of each large histogram (same model either way). */
  threads: number;
}

export const DEFAULT_PARAMS: Readonly<TrainParams> = {
  objective: "binary",
  alpha: 0.5,
  trees: 100,
  learningRate: 0.1,
  maxDepth: 6,
  maxLeaves: 0,
  minChildWeight: 1,
  lambda: 1,
  minSplitGain: 0,
  subsample: 1,
  colsampleByTree: 1,
  maxBins: 255,
  earlyStoppingRounds: 0,
  seed: 0,
  threads: 1,
};

const OBJECTIVES: readonly ObjectiveName[] = ["binary", "squared", "quantile", "cox"];

type NumericKey = Exclude<keyof TrainParams, "objective">;
interface Range {
  min: number;
  max: number;
  integer?: boolean;
  minExclusive?: boolean;
}
const RANGES: Record<NumericKey, Range> = {
  alpha: { min: 0, max: 1, minExclusive: true },
  trees: { min: 1, max: 100_000, integer: true },
  learningRate: { min: 0, max: 10, minExclusive: true },
  maxDepth: { min: 1, max: 30, integer: true },
  maxLeaves: { min: 0, max: 1 << 20, integer: true },
  minChildWeight: { min: 0, max: Number.MAX_VALUE },
  lambda: { min: 0, max: Number.MAX_VALUE },
  minSplitGain: { min: 0, max: Number.MAX_VALUE },
  subsample: { min: 0, max: 1, minExclusive: true },
  colsampleByTree: { min: 0, max: 1, minExclusive: true },
  maxBins: { min: 2, max: 255, integer: true },
  earlyStoppingRounds: { min: 0, max: 100_000, integer: true },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
  threads: { min: 1, max: 2, integer: true },
};

export class ParamError extends Error {}

/** Merges `overrides` onto the defaults; throws ParamError naming the offending key on unknown keys or bad values. */
export function resolveParams(overrides: Record<string, unknown> = {}): TrainParams {
  const params: TrainParams = { ...DEFAULT_PARAMS };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (key === "objective") {
      if (!OBJECTIVES.includes(value as ObjectiveName)) {
        throw new ParamError(`param "objective" must be one of ${OBJECTIVES.join(", ")}`);
      }
      params.objective = value as ObjectiveName;
      continue;
    }
    if (!(key in RANGES)) throw new ParamError(`unknown param "${key}" (known: ${Object.keys(DEFAULT_PARAMS).join(", ")})`);
    const range = RANGES[key as NumericKey];
    const ok =
      typeof value === "number" &&
      Number.isFinite(value) &&
      (range.minExclusive ? value > range.min : value >= range.min) &&
      value <= range.max &&
      (!range.integer || Number.isInteger(value));
    if (!ok) {
      const bound = `${range.minExclusive ? "(" : "["}${range.min}, ${range.max}]`;
      throw new ParamError(`param "${key}" must be ${range.integer ? "an integer" : "a number"} in ${bound}, got ${JSON.stringify(value)}`);
    }
    params[key as NumericKey] = value as number;
  }
  return params;
}

/** The leaf budget actually used by the grower. */
export function effectiveMaxLeaves(params: TrainParams): number {
  const depthCap = params.maxDepth >= 20 ? 1 << 20 : 2 ** params.maxDepth;
  return params.maxLeaves > 0 ? Math.min(params.maxLeaves, depthCap) : depthCap;
}
