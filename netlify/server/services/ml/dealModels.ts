// The deal models served per org (issue 7 point 11): expected return (point estimate with a 10–90% interval) and
// time to close (P(close within 30 / 60 / 90 days)), stored in the model registry (public.ml_models, kinds
// 'expected_return' and 'time_to_close') with the lead model's rules: one version per training, at most one active
// per org and kind, and a new version is promoted only when it beats the active one on its own held-out window —
// expected return: lower RMSE there (equal: lower MAE); time to close: higher concordance (Harrell's C).
//
// Scoring one opportunity reads its history as the caller (RLS: another org's deal is simply absent → 404), builds
// the features at "now" and scores both active models; either missing → `not_trained` naming the missing kinds.

import type { Kysely } from "kysely";
import { buildDealFeatures, DEAL_FEATURE_SPEC, defaultDealCutoff, type DealHistory, type Factor } from "../../../../ml/features/dealFeatures";
import { concordanceIndex } from "../../../../ml/metrics/concordance";
import { mae, rmse } from "../../../../ml/metrics/regression";
import {
  loadExpectedReturnModel,
  MIN_RETURN_ROWS,
  scoreExpectedReturn,
  trainExpectedReturn,
  type ExpectedReturnOptions,
  type LoadedReturnModel,
} from "../../../../ml/models/expectedReturn";
import { loadTimeToCloseModel, MIN_CLOSES, MIN_DEALS, scoreTimeToClose, trainTimeToClose, type LoadedCloseModel, type TimeToCloseOptions } from "../../../../ml/models/timeToClose";
import type { Database } from "../../db/schema";
import { asService, type Tx } from "../../db/transactions";
import { loadDealHistories } from "./dealHistoryFromDb";
import { registerVersion, type RegisteredVersion } from "./registerVersion";

export type DealModelKind = "expected_return" | "time_to_close";
export const DEAL_MODEL_KINDS: readonly DealModelKind[] = ["expected_return", "time_to_close"];

export const DEAL_NOT_TRAINED_MESSAGES: Record<DealModelKind, string> = {
  expected_return: `The expected-return model is not trained yet: an org needs at least ${MIN_RETURN_ROWS} deals with a recorded realized return.`,
  time_to_close: `The time-to-close model is not trained yet: an org needs at least ${MIN_DEALS} deals with ${MIN_CLOSES} closings.`,
};

export type DealTrainOutcome =
  | { status: "not_enough_data"; reason: string }
  | RegisteredVersion<Record<string, number>>;

export interface DealTrainOptions {
  /** "Now" for the data (default: the current time). */
  now?: number;
  note?: string;
  expectedReturn?: Partial<ExpectedReturnOptions>;
  timeToClose?: Partial<TimeToCloseOptions>;
}

const EPS = 1e-12;

// ---- Model cache (a version's JSON never changes: parsed once per process) -----------------------------------

interface LoadedDealModel<M> {
  id: string;
  version: number;
  model: M;
}
type LoadedReturn = LoadedDealModel<LoadedReturnModel>;
type LoadedClose = LoadedDealModel<LoadedCloseModel>;

const MAX_CACHED = 64;
const cache = new Map<string, LoadedReturn | LoadedClose>();

function parse(kind: DealModelKind, id: string, version: number, json: unknown): LoadedReturn | LoadedClose {
  const model = kind === "expected_return" ? loadExpectedReturnModel(json as never) : loadTimeToCloseModel(json as never);
  const loaded = { id, version, model } as LoadedReturn | LoadedClose;
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(id, loaded);
  return loaded;
}

async function activeDealModel(db: Kysely<Database>, orgId: string, kind: "expected_return"): Promise<LoadedReturn | null>;
async function activeDealModel(db: Kysely<Database>, orgId: string, kind: "time_to_close"): Promise<LoadedClose | null>;
async function activeDealModel(db: Kysely<Database>, orgId: string, kind: DealModelKind): Promise<LoadedReturn | LoadedClose | null> {
  const row = await db.selectFrom("mlModels").select(["id", "version"]).where("orgId", "=", orgId).where("kind", "=", kind).where("active", "=", true).executeTakeFirst();
  if (!row) return null;
  const hit = cache.get(row.id);
  if (hit) return hit;
  const full = await db.selectFrom("mlModels").select("model").where("id", "=", row.id).executeTakeFirstOrThrow();
  return parse(kind, row.id, row.version, full.model);
}

export function clearDealModelCache(): void {
  cache.clear();
}

// ---- Training and registration ----------------------------------------------------------------------------------

interface Candidate {
  kind: DealModelKind;
  model: unknown;
  metrics: Record<string, unknown>;
  /** The number compared (and its tie-breaker), on the new model's held-out window. */
  score: Record<string, number>;
  trainingRows: number;
  /** The incumbent's score on the same held-out rows. */
  evaluate(incumbent: LoadedReturn | LoadedClose): Record<string, number>;
  beats(candidate: Record<string, number>, incumbent: Record<string, number>): boolean;
  describe(candidate: Record<string, number>, incumbent: Record<string, number>): string;
}

function returnCandidate(deals: DealHistory[], now: number, options: Partial<ExpectedReturnOptions>): Candidate | { status: "not_enough_data"; reason: string } {
  const r = trainExpectedReturn(deals, { asOf: now, ...options });
  if (r.status === "not_enough_data") return { status: "not_enough_data", reason: r.reason };
  const cutoffOf = options.cutoffOf ?? defaultDealCutoff;
  const byId = new Map(deals.map((d) => [d.dealId, d]));
  const { dealIds, realized } = r.heldOut;
  return {
    kind: "expected_return",
    model: r.model,
    metrics: { test: r.metrics.test, testUnconformalized: r.metrics.testUnconformalized, validation: r.metrics.validation, split: r.split, interval: r.model.interval },
    score: { rmse: r.metrics.test.rmse, mae: r.metrics.test.mae },
    trainingRows: r.split.trainRows + r.split.validationRows + r.split.testRows,
    evaluate(incumbent) {
      const m = incumbent.model as LoadedReturnModel;
      const p = Float64Array.from(dealIds, (id) => {
        const d = byId.get(id)!;
        return m.point.predict(m.point.encodeRecord(buildDealFeatures(d, cutoffOf(d))));
      });
      return { rmse: rmse(p, realized), mae: mae(p, realized) };
    },
    beats: (c, i) => c.rmse < i.rmse - EPS || (Math.abs(c.rmse - i.rmse) <= EPS && c.mae < i.mae - EPS),
    describe: (c, i) => `RMSE ${c.rmse.toFixed(4)} vs ${i.rmse.toFixed(4)}`,
  };
}

function closeCandidate(deals: DealHistory[], now: number, options: Partial<TimeToCloseOptions>): Candidate | { status: "not_enough_data"; reason: string } {
  const r = trainTimeToClose(deals, { asOf: now, ...options });
  if (r.status === "not_enough_data") return { status: "not_enough_data", reason: r.reason };
  const cutoffOf = options.cutoffOf ?? defaultDealCutoff;
  const byId = new Map(deals.map((d) => [d.dealId, d]));
  const { dealIds, days, closed } = r.heldOut;
  return {
    kind: "time_to_close",
    model: r.model,
    metrics: { test: r.metrics.test, validation: r.metrics.validation, train: r.metrics.train, split: r.split, horizonsDays: r.model.horizonsDays },
    score: { concordance: r.metrics.test.concordance },
    trainingRows: r.split.trainRows + r.split.validationRows + r.split.testRows,
    evaluate(incumbent) {
      const m = incumbent.model as LoadedCloseModel;
      const margins = Float64Array.from(dealIds, (id) => {
        const d = byId.get(id)!;
        return m.scorer.predictMargin(m.scorer.encodeRecord(buildDealFeatures(d, cutoffOf(d))));
      });
      return { concordance: concordanceIndex(days, closed, margins) };
    },
    beats: (c, i) => c.concordance > i.concordance + EPS,
    describe: (c, i) => `concordance ${c.concordance.toFixed(4)} vs ${i.concordance.toFixed(4)}`,
  };
}

function register(db: Kysely<Database>, orgId: string, deals: DealHistory[], candidate: Candidate, now: number, note: string | null): Promise<DealTrainOutcome> {
  const windowStart = deals.reduce((t, d) => Math.min(t, d.createdAt), Infinity);
  return registerVersion(db, orgId, {
    kind: candidate.kind,
    score: candidate.score,
    async incumbent(tx) {
      const current = candidate.kind === "expected_return" ? await activeDealModel(tx, orgId, "expected_return") : await activeDealModel(tx, orgId, "time_to_close");
      return current ? { modelId: current.id, version: current.version, metrics: candidate.evaluate(current) } : null;
    },
    beats: candidate.beats,
    describe: candidate.describe,
    model: candidate.model,
    metrics: candidate.metrics,
    trainingWindow: { start: new Date(Number.isFinite(windowStart) ? windowStart : now), end: new Date(now) },
    trainingRows: candidate.trainingRows,
    note,
  });
}

/**
 * Trains both deal models of the org on `deals` and stores each as a new version (service role). A model below its
 * data threshold stores nothing (`not_enough_data` with the reason); each is promoted only if it beats its kind's
 * active version on its held-out window.
 */
export async function trainAndRegisterDealModels(db: Kysely<Database>, orgId: string, deals: DealHistory[], options: DealTrainOptions = {}): Promise<Record<DealModelKind, DealTrainOutcome>> {
  const now = options.now ?? Date.now();
  const note = options.note ?? null;
  const out = {} as Record<DealModelKind, DealTrainOutcome>;
  for (const kind of DEAL_MODEL_KINDS) {
    const c = kind === "expected_return" ? returnCandidate(deals, now, options.expectedReturn ?? {}) : closeCandidate(deals, now, options.timeToClose ?? {});
    out[kind] = "status" in c ? c : await register(db, orgId, deals, c, now, note);
  }
  return out;
}

/** Trains on the org's own opportunities (dealHistoryFromDb) — as the service role. */
export async function trainDealModelsFromDb(db: Kysely<Database>, orgId: string, options: DealTrainOptions = {}): Promise<Record<DealModelKind, DealTrainOutcome>> {
  const deals = await asService(db, (tx) => loadDealHistories(tx, orgId));
  return trainAndRegisterDealModels(db, orgId, deals, options);
}

// ---- Scoring ------------------------------------------------------------------------------------------------------

export interface DealFactor {
  feature: string;
  label?: string;
  value: number | string | null;
  contribution: number;
  direction: "up" | "down";
}

export interface DealForecast {
  opportunityId: string;
  expectedReturn: {
    expected: number;
    low: number;
    high: number;
    lowAlpha: number;
    highAlpha: number;
    factors: DealFactor[];
    modelId: string;
    modelVersion: number;
  };
  timeToClose: {
    probabilities: { days: number; probability: number }[];
    hazardRatio: number;
    factors: DealFactor[];
    modelId: string;
    modelVersion: number;
  };
  scoredAt: string;
}

export type DealScoreOutcome = { status: "not_trained"; missing: DealModelKind[] } | { status: "not_found" } | { status: "scored"; forecast: DealForecast };

const LABELS = new Map<string, string>(DEAL_FEATURE_SPEC.map((f) => [f.name, f.description]));
const MAX_FACTORS = 5;
const cleanValue = (v: number | string | null): number | string | null => (typeof v === "number" && !Number.isFinite(v) ? null : v === "" ? null : v);
const factors = (fs: Factor[]): DealFactor[] =>
  fs.map((f) => ({ feature: f.feature, label: LABELS.get(f.feature), value: cleanValue(f.value), contribution: f.contribution, direction: f.direction }));

/** Scores one opportunity with the org's active deal models, as the caller (RLS). Writes nothing. */
export async function scoreDeal(tx: Tx, orgId: string, opportunityId: string, now = Date.now()): Promise<DealScoreOutcome> {
  const ret = await activeDealModel(tx, orgId, "expected_return");
  const close = await activeDealModel(tx, orgId, "time_to_close");
  const missing = [...(ret ? [] : ["expected_return" as const]), ...(close ? [] : ["time_to_close" as const])];
  const [deal] = await loadDealHistories(tx, orgId, { opportunityIds: [opportunityId] });
  if (!deal) return { status: "not_found" };
  if (!ret || !close) return { status: "not_trained", missing };
  // + 1 ms: what was recorded in this very millisecond (this transaction) counts as known.
  const features = buildDealFeatures(deal, now + 1);
  const r = scoreExpectedReturn(ret.model, features, { maxFactors: MAX_FACTORS });
  const c = scoreTimeToClose(close.model, features, { maxFactors: MAX_FACTORS });
  return {
    status: "scored",
    forecast: {
      opportunityId,
      expectedReturn: { expected: r.expected, low: r.low, high: r.high, lowAlpha: r.lowAlpha, highAlpha: r.highAlpha, factors: factors(r.factors), modelId: ret.id, modelVersion: ret.version },
      timeToClose: { probabilities: c.probabilities, hazardRatio: c.hazardRatio, factors: factors(c.factors), modelId: close.id, modelVersion: close.version },
      scoredAt: new Date(now).toISOString(),
    },
  };
}

