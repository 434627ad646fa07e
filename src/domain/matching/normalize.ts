// Normalised, precomputed forms of investors and deals so matching compares keys, not raw strings.
import { standardizeState } from "../normalize/address";
import type { DealFacts, InvestorProfile } from "./types";

/** Lowercase, trimmed, inner whitespace/hyphens as "_": "Single Family" → "single_family". */
export function propertyTypeKey(type: string): string {
  return type.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** "tx" / "Texas" → "TX"; unknown text upper-cased as given. */
export function stateKey(state: string): string {
  return standardizeState(state) ?? state.trim().toUpperCase();
}

/** Lowercase, trimmed, single-spaced: " San  Antonio " → "san antonio". */
export function cityKey(city: string): string {
  return city.trim().toLowerCase().replace(/\s+/g, " ");
}

/** First five digits: "78704-1234" → "78704". */
export function zipKey(zip: string): string {
  return zip.trim().slice(0, 5);
}

/** A list of normalised keys: the array itself when short (includes() beats hashing), a Set when long. */
export type KeyLookup = readonly string[] | ReadonlySet<string>;

/** Lists longer than this are hashed. */
const SET_THRESHOLD = 16;

/** key ∈ lookup. */
export function lookupHas(lookup: KeyLookup, key: string): boolean {
  return Array.isArray(lookup) ? (lookup as readonly string[]).includes(key) : (lookup as ReadonlySet<string>).has(key);
}

/** Number of keys in the lookup. */
export function lookupSize(lookup: KeyLookup): number {
  return Array.isArray(lookup) ? lookup.length : (lookup as ReadonlySet<string>).size;
}

const NONE: readonly string[] = [];

/**
 * The values' keys as a lookup. Clean data (every value already its own key, as the app stores it) reuses the
 * caller's array, so preparing 10,000 investors allocates almost nothing that lives on.
 */
function keyLookup(values: readonly string[], key: (value: string) => string): KeyLookup {
  if (values.length === 0) return NONE;
  let clean = true;
  for (const value of values) {
    if (key(value) !== value || value === "") {
      clean = false;
      break;
    }
  }
  const keys = clean ? values : values.map(key).filter((k) => k !== "");
  return keys.length > SET_THRESHOLD ? new Set(keys) : keys;
}

export interface PreparedInvestor {
  /** null = any type. */
  propertyTypes: KeyLookup | null;
  anyMarket: boolean;
  states: KeyLookup;
  zips: KeyLookup;
  /** Cities without a state ("austin"). */
  cities: KeyLookup;
  /** Cities with a state ("austin|TX"). */
  citiesInState: KeyLookup;
}

export interface PreparedDeal {
  propertyType: string;
  state: string;
  city: string;
  cityInState: string;
  zip: string;
}

/** Precomputes an investor's key lookups. "Austin, TX" goes to citiesInState as "austin|TX". */
export function prepareInvestor(investor: InvestorProfile): PreparedInvestor {
  const { states, cities, zips } = investor.markets;
  let bare: KeyLookup = NONE;
  let inState: KeyLookup = NONE;
  if (cities.length > 0) {
    const bareKeys: string[] = [];
    const inStateKeys: string[] = [];
    for (const entry of cities) {
      const comma = entry.lastIndexOf(",");
      const state = comma >= 0 ? standardizeState(entry.slice(comma + 1)) : null;
      if (state) inStateKeys.push(`${cityKey(entry.slice(0, comma))}|${state}`);
      else if (cityKey(entry) !== "") bareKeys.push(cityKey(entry));
    }
    bare = keyLookup(bareKeys, (k) => k);
    inState = keyLookup(inStateKeys, (k) => k);
  }
  const types = keyLookup(investor.propertyTypes, propertyTypeKey);
  const stateKeys = keyLookup(states, stateKey);
  const zipKeys = keyLookup(zips, zipKey);
  return {
    propertyTypes: lookupSize(types) === 0 ? null : types,
    states: stateKeys,
    zips: zipKeys,
    cities: bare,
    citiesInState: inState,
    anyMarket: lookupSize(stateKeys) === 0 && lookupSize(zipKeys) === 0 && lookupSize(bare) === 0 && lookupSize(inState) === 0,
  };
}

const cache = new WeakMap<InvestorProfile, PreparedInvestor>();

/**
 * The investor's prepared form, computed once per profile object and cached (weakly) after that.
 * Only the preference lists are cached (numbers are read live), but profiles are treated as immutable:
 * pass a new object after editing its propertyTypes or markets, as React state does anyway.
 */
export function preparedInvestor(investor: InvestorProfile): PreparedInvestor {
  let prepared = cache.get(investor);
  if (!prepared) {
    prepared = prepareInvestor(investor);
    cache.set(investor, prepared);
  }
  return prepared;
}

/** The deal's keys, computed once per match: type, state, city, "city|ST" and 5-digit ZIP. */
export function prepareDeal(deal: DealFacts): PreparedDeal {
  const state = stateKey(deal.state);
  const city = cityKey(deal.city);
  return { propertyType: propertyTypeKey(deal.propertyType), state, city, cityInState: `${city}|${state}`, zip: zipKey(deal.zip) };
}
