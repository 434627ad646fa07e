import { z } from "zod";
import { pipelineQuerySchema } from "@/domain/pipeline";

const api = pipelineQuerySchema.shape;

/** A rule of GET /api/pipeline made forgiving: a value the API would refuse is dropped rather than failing the page. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/**
 * The board's URL search params: the filters of GET /api/pipeline. Whatever is in the address bar parses:
 * bad values are dropped, a swapped value range is put right.
 */
export const pipelineSearchSchema = z
  .object({
    ownerId: lenient(api.ownerId),
    propertyType: lenient(api.propertyType),
    market: lenient(api.market),
    minValue: lenient(api.minValue),
    maxValue: lenient(api.maxValue),
  })
  .transform((search) => {
    const clean = Object.fromEntries(Object.entries(search).filter(([, v]) => v !== undefined && v !== "")) as typeof search;
    if (clean.minValue !== undefined && clean.maxValue !== undefined && clean.minValue > clean.maxValue) {
      [clean.minValue, clean.maxValue] = [clean.maxValue, clean.minValue];
    }
    return clean;
  });

export type PipelineSearch = z.output<typeof pipelineSearchSchema>;

export const PIPELINE_FILTER_KEYS = ["ownerId", "propertyType", "market", "minValue", "maxValue"] as const satisfies readonly (keyof PipelineSearch)[];

/** Never throws. */
export function parsePipelineSearch(raw: Record<string, unknown>): PipelineSearch {
  return pipelineSearchSchema.parse(raw);
}

/** The query string of GET /api/pipeline, keys in a fixed order (also the board's identity). */
export function pipelineQuery(search: PipelineSearch): string {
  const params = new URLSearchParams();
  for (const key of PIPELINE_FILTER_KEYS) {
    const value = search[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

export function activePipelineFilters(search: PipelineSearch): number {
  return PIPELINE_FILTER_KEYS.filter((k) => search[k] !== undefined).length;
}
