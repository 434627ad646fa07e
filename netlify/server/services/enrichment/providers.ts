import { getConfig } from "../../config";
import { attomProvider } from "./attomProvider";
import type { PropertyDataProvider } from "./propertyData";

/** The configured property-data provider, or null: without a key the app says enrichment is not configured. */
export function propertyProvider(): PropertyDataProvider | null {
  const c = getConfig();
  return c.ATTOM_API_KEY ? attomProvider({ apiKey: c.ATTOM_API_KEY, baseUrl: c.ATTOM_BASE_URL, costCents: c.ATTOM_COST_CENTS }) : null;
}
