import { z } from "zod";
import { getConfig } from "../../config";
import { defineJob } from "../../jobs/jobDefinition";
import { registerJob } from "../../jobs/jobRegistry";
import { enrichLead } from "./enrichLead";
import { propertyProvider } from "./providers";

/** Queued for every new lead (a trigger on leads) and by the list's bulk "Enrich" and the lead page. */
export const enrichLeadJob = defineJob({
  name: "enrich-lead",
  queue: "enrichment",
  schema: z.object({ leadId: z.uuid() }).strict(),
  async handle({ leadId }, ctx) {
    return enrichLead(ctx.db, ctx.orgId, leadId, { provider: propertyProvider(), mxLookup: getConfig().ENRICHMENT_MX_LOOKUP ?? false, jobId: ctx.jobId });
  },
});
registerJob(enrichLeadJob);
