import { sql } from "kysely";
import { z } from "zod";
import { defineJob } from "../jobs/jobDefinition";
import { registerJob } from "../jobs/jobRegistry";

/**
 * A job for the crash-recovery test: waits CRASH_TEST_SLOW_MS (so a worker can be killed mid-job), then writes
 * its side effect once — an activity keyed by the outbox job id, as real handlers key theirs.
 */
export const crashTestJob = defineJob({
  name: "test-crash-effect",
  queue: "workflow",
  schema: z.object({ leadId: z.uuid() }),
  async handle({ leadId }, ctx) {
    const slow = Number(process.env.CRASH_TEST_SLOW_MS ?? 0);
    if (slow > 0) await new Promise((r) => setTimeout(r, slow));
    await sql`
      insert into public.activities (org_id, lead_id, type, data)
      select ${ctx.orgId}::uuid, ${leadId}::uuid, 'test.effect', jsonb_build_object('jobId', ${ctx.jobId}::text)
      where not exists (select 1 from public.activities where type = 'test.effect' and data->>'jobId' = ${ctx.jobId}::text)`.execute(ctx.db);
  },
});
registerJob(crashTestJob);
