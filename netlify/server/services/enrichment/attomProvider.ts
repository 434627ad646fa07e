import { ProviderError, type PropertyAddress, type PropertyDataProvider, type PropertyFacts, type PropertyLookup } from "./propertyData";

/**
 * ATTOM's Property API (expanded profile): GET {baseUrl}/property/expandedprofile?address1=…&address2=…
 * with the key in the `apikey` header, JSON back. A lookup costs `costCents` (what the plan charges per call).
 */
export function attomProvider(config: { apiKey: string; baseUrl?: string; costCents?: number; timeoutMs?: number; fetch?: typeof fetch }): PropertyDataProvider {
  const baseUrl = (config.baseUrl ?? "https://api.gateway.attomdata.com/propertyapi/v1.0.0").replace(/\/$/, "");
  const costCents = config.costCents ?? 10;
  const doFetch = config.fetch ?? fetch;
  return {
    name: "attom",
    async lookup(address: PropertyAddress, signal?: AbortSignal): Promise<PropertyLookup> {
      const url = new URL(`${baseUrl}/property/expandedprofile`);
      url.searchParams.set("address1", address.street);
      url.searchParams.set("address2", [address.city, [address.state, address.zip].filter(Boolean).join(" ")].filter(Boolean).join(", "));
      const timeout = AbortSignal.timeout(config.timeoutMs ?? 8000);
      let res: Response;
      try {
        res = await doFetch(url, { headers: { apikey: config.apiKey, accept: "application/json" }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      } catch (err) {
        throw new ProviderError(`ATTOM unreachable: ${(err as Error).message}`, 0, true);
      }
      const body = (await res.json().catch(() => null)) as AttomResponse | null;
      const message = body?.status?.msg ?? res.statusText;
      if (res.status === 401 || res.status === 403) throw new ProviderError(`ATTOM refused the API key: ${message}`, res.status, false);
      if (res.status === 400) throw new ProviderError(`ATTOM rejected the request: ${message}`, res.status, false);
      if (res.status === 429 || res.status >= 500) throw new ProviderError(`ATTOM is unavailable (${res.status}): ${message}`, res.status, true);
      if (res.status === 404 || body?.status?.msg === "SuccessWithoutResult" || !body?.property?.length) return { status: "not_found", costCents };
      if (!res.ok) throw new ProviderError(`ATTOM answered ${res.status}: ${message}`, res.status, false);
      return { status: "found", facts: factsFrom(body.property[0]), costCents };
    },
  };
}

interface AttomProperty {
  building?: { rooms?: { beds?: number; bathstotal?: number }; size?: { universalsize?: number; livingsize?: number } };
  summary?: { yearbuilt?: number };
  lot?: { lotsize2?: number };
  assessment?: { assessed?: { assdttlvalue?: number }; market?: { mktttlvalue?: number }; tax?: { taxamt?: number }; owner?: { owner1?: { fullname?: string } } };
  owner?: { owner1?: { fullname?: string } };
  sale?: { saleTransDate?: string; salesearchdate?: string; amount?: { saleamt?: number } };
}
interface AttomResponse {
  status?: { code?: number; msg?: string };
  property?: AttomProperty[];
}

const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function factsFrom(p: AttomProperty): PropertyFacts {
  const saleDate = p.sale?.saleTransDate ?? p.sale?.salesearchdate ?? null;
  return {
    ownerName: p.assessment?.owner?.owner1?.fullname ?? p.owner?.owner1?.fullname ?? null,
    beds: n(p.building?.rooms?.beds),
    baths: n(p.building?.rooms?.bathstotal),
    sqft: n(p.building?.size?.universalsize ?? p.building?.size?.livingsize),
    yearBuilt: n(p.summary?.yearbuilt),
    lotSizeSqft: n(p.lot?.lotsize2),
    assessedValue: n(p.assessment?.assessed?.assdttlvalue),
    marketValue: n(p.assessment?.market?.mktttlvalue),
    lastSaleDate: saleDate ? saleDate.slice(0, 10) : null,
    lastSalePrice: n(p.sale?.amount?.saleamt),
    taxAmount: n(p.assessment?.tax?.taxamt),
  };
}
