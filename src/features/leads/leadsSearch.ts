import { z } from "zod";
import { LEAD_STATUSES, leadStatusSchema, listLeadsQuerySchema, type LeadStatus } from "@/domain/leads";

const api = listLeadsQuerySchema.shape;

/** A rule of GET /api/leads, made forgiving: a value the API would refuse is left out rather than failing the page. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const splitList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value])
    .filter((v) => v !== undefined && v !== null)
    .flatMap((v) => String(v).split(","))
    .map((v) => v.trim())
    .filter(Boolean);

/** Keeps the known statuses of a list, in the app's order. */
const statusList = z.unknown().transform((value): LeadStatus[] | undefined => {
  const wanted = new Set(splitList(value).filter((v) => leadStatusSchema.safeParse(v).success));
  const statuses = LEAD_STATUSES.filter((s) => wanted.has(s));
  return statuses.length > 0 ? statuses : undefined;
});

/**
 * The Leads page's URL search params: the query of GET /api/leads (listLeadsQuerySchema) bar the paging
 * (limit, cursor). Whatever is in the address bar parses: bad values are dropped, a swapped score range is put right.
 */
export const leadsSearchSchema = z
  .object({
    q: lenient(api.q),
    status: statusList.optional(),
    source: lenient(api.source),
    tags: lenient(api.tags),
    assigneeId: lenient(api.assigneeId),
    scoreMin: lenient(api.scoreMin),
    scoreMax: lenient(api.scoreMax),
    createdFrom: lenient(api.createdFrom),
    createdTo: lenient(api.createdTo),
    city: lenient(api.city),
    state: lenient(api.state),
    zip: lenient(api.zip),
    // No default here: "Newest" is the API's default and keeps the URL clean.
    sort: lenient(api.sort.unwrap()),
    order: lenient(api.order),
  })
  .transform((search) => {
    const clean = Object.fromEntries(
      Object.entries(search).filter(([, v]) => v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0)),
    ) as typeof search;
    if (clean.scoreMin !== undefined && clean.scoreMax !== undefined && clean.scoreMin > clean.scoreMax) {
      [clean.scoreMin, clean.scoreMax] = [clean.scoreMax, clean.scoreMin];
    }
    return clean;
  });

export type LeadsSearch = z.output<typeof leadsSearchSchema>;
export type LeadSort = NonNullable<LeadsSearch["sort"]>;

/** validateSearch of /leads: never throws. */
export function parseLeadsSearch(raw: Record<string, unknown>): LeadsSearch {
  return leadsSearchSchema.parse(raw);
}

/** The filters (everything but sort and order). */
export const FILTER_KEYS = [
  "q",
  "status",
  "source",
  "tags",
  "assigneeId",
  "scoreMin",
  "scoreMax",
  "createdFrom",
  "createdTo",
  "city",
  "state",
  "zip",
] as const satisfies readonly (keyof LeadsSearch)[];

/** The filters behind "More filters". */
export const MORE_FILTER_KEYS = ["state", "city", "zip", "scoreMin", "scoreMax", "createdFrom", "createdTo", "tags", "source"] as const satisfies readonly (keyof LeadsSearch)[];

export function activeFilterCount(search: LeadsSearch, keys: readonly (keyof LeadsSearch)[] = FILTER_KEYS): number {
  return keys.filter((key) => search[key] !== undefined).length;
}

/** The query string for GET /api/leads (without limit and cursor), in a fixed order: also the list's identity. */
export function leadsFilterQuery(search: LeadsSearch): string {
  const params = new URLSearchParams();
  for (const key of [...FILTER_KEYS, "sort", "order"] as const) {
    const value = search[key];
    if (value === undefined) continue;
    params.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return params.toString().replace(/%2C/gi, ",");
}

export const SORT_OPTIONS: readonly { value: LeadSort; label: string }[] = [
  { value: "created", label: "Newest" },
  { value: "updated", label: "Recently updated" },
  { value: "score", label: "Highest score" },
  { value: "name", label: "Name A–Z" },
];
