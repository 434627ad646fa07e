import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attomProperty, startFakeAttom, type FakeAttom } from "../../testing/fakeAttom";
import { attomProvider } from "./attomProvider";
import { ProviderError } from "./propertyData";

describe("attomProvider against a fake ATTOM on 127.0.0.1", () => {
  let attom: FakeAttom;
  beforeAll(async () => {
    attom = await startFakeAttom();
    attom.addProperty("4100 Oak St", "Austin, TX 78704", attomProperty({ beds: 4, baths: 2.5, sqft: 2100, market: 612_000, owner: "HALL, ROSA" }));
  });
  afterAll(() => attom.close());

  it("sends the key and both address lines, and reads the profile", async () => {
    const provider = attomProvider({ apiKey: attom.apiKey, baseUrl: attom.url, costCents: 12 });
    const result = await provider.lookup({ street: "4100 Oak St", city: "Austin", state: "TX", zip: "78704" });
    expect(result).toEqual({
      status: "found",
      costCents: 12,
      facts: { ownerName: "HALL, ROSA", beds: 4, baths: 2.5, sqft: 2100, yearBuilt: 1964, lotSizeSqft: 6534, assessedValue: 310_000, marketValue: 612_000, lastSaleDate: "2012-06-15", lastSalePrice: 182_000, taxAmount: 6420.55 },
    });
    expect(attom.requests.at(-1)).toEqual({ address1: "4100 Oak St", address2: "Austin, TX 78704", apikey: attom.apiKey });
  });

  it("answers not_found for an address ATTOM doesn't know", async () => {
    const provider = attomProvider({ apiKey: attom.apiKey, baseUrl: attom.url });
    expect(await provider.lookup({ street: "1 Nowhere Rd", city: "Austin", state: "TX", zip: "78704" })).toEqual({ status: "not_found", costCents: 10 });
  });

  it("a bad key is a permanent error; 429 and 5xx are retryable", async () => {
    const wrong = attomProvider({ apiKey: "wrong-key-000", baseUrl: attom.url });
    await expect(wrong.lookup({ street: "4100 Oak St", city: "Austin", state: "TX", zip: "78704" })).rejects.toMatchObject({ status: 401, retryable: false });
    const provider = attomProvider({ apiKey: attom.apiKey, baseUrl: attom.url });
    attom.failNext(1, 429);
    const err = await provider.lookup({ street: "4100 Oak St", city: "Austin", state: "TX", zip: "78704" }).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ status: 429, retryable: true });
    attom.failNext(1, 503);
    await expect(provider.lookup({ street: "4100 Oak St", city: "Austin", state: "TX", zip: "78704" })).rejects.toMatchObject({ status: 503, retryable: true });
  });

  it("an unreachable provider is retryable", async () => {
    const provider = attomProvider({ apiKey: "k-12345678", baseUrl: "http://127.0.0.1:9/propertyapi", timeoutMs: 500 });
    await expect(provider.lookup({ street: "1 A St", city: null, state: null, zip: "78704" })).rejects.toMatchObject({ retryable: true });
  });
});
