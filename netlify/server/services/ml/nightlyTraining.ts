// Nightly retraining: queues a train-lead-model job for every org that could have enough data (a cheap pre-filter on
// lead and conversion counts; the job itself applies the real threshold) and has none waiting. Called by the
// nightly maintenance job (netlify/server/jobs/maintenanceQueue.ts: a BullMQ job scheduler, or a timer without Redis).
import { sql } from "kysely";
import { MIN_POSITIVES, MIN_TRAINING_ROWS, SNAPSHOT_AGES_DAYS } from "../../../../ml/models/leadConversion";
import { MIN_DEALS as MIN_CLOSE_DEALS } from "../../../../ml/models/timeToClose";
import type { Tx } from "../../db/transactions";

/** Orgs with fewer live leads than this cannot reach MIN_TRAINING_ROWS (each lead gives at most one row per snapshot age). */
const MIN_LEADS = Math.ceil(MIN_TRAINING_ROWS / SNAPSHOT_AGES_DAYS.length);

/** Service role. Returns how many training jobs were queued. */
export async function queueNightlyLeadTraining(tx: Tx, options: { minLeads?: number; minConversions?: number } = {}): Promise<number> {
  const minLeads = options.minLeads ?? MIN_LEADS;
  const minConversions = options.minConversions ?? MIN_POSITIVES;
  const result = await sql`
    insert into public.job_outbox (org_id, queue, name, payload, priority)
    select l.org_id, 'scoring', 'train-lead-model', jsonb_build_object('note', 'nightly retraining'), 20
      from public.leads l
     where l.deleted_at is null
       and not exists (select 1 from public.job_outbox j where j.org_id = l.org_id and j.queue = 'scoring' and j.status = 'pending' and j.name = 'train-lead-model')
     group by l.org_id
    having count(*) >= ${minLeads}
       and count(*) filter (where l.status = 'converted' or exists (select 1 from public.opportunities o where o.lead_id = l.id)) >= ${minConversions}`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/** Orgs with fewer deals than the time-to-close model's minimum cannot train it. */
const MIN_DEALS = MIN_CLOSE_DEALS;

/** Nightly: a train-deal-models job for every org with enough deals and none waiting (service role). */
export async function queueNightlyDealTraining(tx: Tx, options: { minDeals?: number } = {}): Promise<number> {
  const result = await sql`
    insert into public.job_outbox (org_id, queue, name, payload, priority)
    select o.org_id, 'scoring', 'train-deal-models', jsonb_build_object('note', 'nightly retraining'), 20
      from public.opportunities o
     where not exists (select 1 from public.job_outbox j where j.org_id = o.org_id and j.queue = 'scoring' and j.status = 'pending' and j.name = 'train-deal-models')
     group by o.org_id
    having count(*) >= ${options.minDeals ?? MIN_DEALS}`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}
