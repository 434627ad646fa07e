import { createServer, type Server } from "node:http";
import { listenOnLoopback } from "./loopbackServer";

/**
 * A stand-in for ATTOM's Property API on 127.0.0.1, checking what ATTOM checks: the `apikey` header (401 with
 * ATTOM's body otherwise), both address lines (400), JSON accept. Known addresses answer an expanded profile;
 * others "SuccessWithoutResult". `failNext(n, status)` makes the next n calls fail (429/500) to test retries.
 */
export interface FakeAttom {
  url: string;
  apiKey: string;
  requests: { address1: string | null; address2: string | null; apikey: string | undefined }[];
  addProperty(address1: string, address2: string, property: Record<string, unknown>): void;
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

export async function startFakeAttom(apiKey = "test-attom-key-123"): Promise<FakeAttom> {
  const properties = new Map<string, Record<string, unknown>>();
  const requests: FakeAttom["requests"] = [];
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  const key = (a1: string, a2: string) => `${a1.toLowerCase()}|${a2.toLowerCase()}`;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const address1 = url.searchParams.get("address1");
    const address2 = url.searchParams.get("address2");
    const apikey = req.headers.apikey as string | undefined;
    requests.push({ address1, address2, apikey });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (!url.pathname.endsWith("/property/expandedprofile")) return send(404, { status: { code: 404, msg: "Not found" } });
    if (apikey !== apiKey) return send(401, { status: { code: 401, msg: "Invalid API key" } });
    if (failures.count > 0) {
      failures.count--;
      return send(failures.status, { status: { code: failures.status, msg: "Try again later" } });
    }
    if (!address1 || !address2) return send(400, { status: { code: 400, msg: "address1 and address2 are required" } });
    const property = properties.get(key(address1, address2));
    if (!property) return send(200, { status: { code: 0, msg: "SuccessWithoutResult", total: 0 }, property: [] });
    send(200, { status: { code: 0, msg: "SuccessWithResult", total: 1 }, property: [property] });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url: `${url}/propertyapi/v1.0.0`,
    apiKey,
    requests,
    addProperty: (a1, a2, p) => properties.set(key(a1, a2), p),
    failNext: (count, status) => (failures = { count, status }),
    close,
  };
}

/** An ATTOM expanded-profile property as the API returns it (the fields we read, and some we don't). */
export function attomProperty(over: { beds?: number; baths?: number; sqft?: number; yearBuilt?: number; owner?: string; market?: number; assessed?: number; tax?: number; saleDate?: string; salePrice?: number; lot?: number } = {}) {
  return {
    identifier: { attomId: 184713191 },
    lot: { lotsize2: over.lot ?? 6534 },
    summary: { propclass: "Single Family Residence / Townhouse", yearbuilt: over.yearBuilt ?? 1964 },
    building: { rooms: { beds: over.beds ?? 3, bathstotal: over.baths ?? 2 }, size: { universalsize: over.sqft ?? 1450, livingsize: over.sqft ?? 1450 } },
    assessment: {
      assessed: { assdttlvalue: over.assessed ?? 310_000 },
      market: { mktttlvalue: over.market ?? 365_000 },
      tax: { taxamt: over.tax ?? 6_420.55, taxyear: 2025 },
      owner: { owner1: { fullname: over.owner ?? "GARCIA, MARIA" } },
    },
    sale: { saleTransDate: over.saleDate ?? "2012-06-15", amount: { saleamt: over.salePrice ?? 182_000 } },
  };
}
