/** What a property-data provider tells about an address. Money in dollars; dates YYYY-MM-DD. */
export interface PropertyFacts {
  ownerName: string | null;
  beds: number | null;
  baths: number | null;
  sqft: number | null;
  yearBuilt: number | null;
  lotSizeSqft: number | null;
  assessedValue: number | null;
  marketValue: number | null;
  lastSaleDate: string | null;
  lastSalePrice: number | null;
  taxAmount: number | null;
}

export interface PropertyAddress {
  street: string;
  city: string | null;
  state: string | null;
  zip: string | null;
}

export type PropertyLookup =
  | { status: "found"; facts: PropertyFacts; costCents: number }
  | { status: "not_found"; costCents: number };

/** A source of property data (ATTOM today). Throws on a provider failure so the job retries with backoff. */
export interface PropertyDataProvider {
  readonly name: string;
  lookup(address: PropertyAddress, signal?: AbortSignal): Promise<PropertyLookup>;
}

export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** False for errors a retry can't fix (bad key, bad request). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
