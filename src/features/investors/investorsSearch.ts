import { z } from "zod";
import { listInvestorsQuerySchema } from "@/domain/investors";

const api = listInvestorsQuerySchema.shape;

/** A rule of GET /api/investors, made forgiving: a value the API would refuse is dropped rather than failing the page. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/**
 * The Investors page's URL search params: the filters of GET /api/investors (listInvestorsQuerySchema) bar the
 * paging. Anything in the address bar parses; bad values are left out.
 */
export const investorsSearchSchema = z
  .object({
    q: lenient(api.q.unwrap().min(1)),
    accreditationStatus: lenient(api.accreditationStatus),
    propertyType: lenient(api.propertyType),
    state: lenient(api.state),
    minCapital: lenient(api.minCapital),
  })
  .transform((search) => Object.fromEntries(Object.entries(search).filter(([, v]) => v !== undefined && v !== "")) as typeof search);

export type InvestorsSearch = z.output<typeof investorsSearchSchema>;

export function parseInvestorsSearch(raw: unknown): InvestorsSearch {
  return investorsSearchSchema.parse(raw && typeof raw === "object" ? raw : {});
}

export const INVESTOR_FILTER_KEYS = ["q", "accreditationStatus", "propertyType", "state", "minCapital"] as const satisfies readonly (keyof InvestorsSearch)[];

export function activeInvestorFilterCount(search: InvestorsSearch): number {
  return INVESTOR_FILTER_KEYS.filter((k) => search[k] !== undefined).length;
}

/** The filter part of GET /api/investors, in a fixed order: also the list's identity. */
export function investorsFilterQuery(search: InvestorsSearch): string {
  const params = new URLSearchParams();
  for (const key of INVESTOR_FILTER_KEYS) {
    const value = search[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}
