// Nightly retraining: queues a train-lead-model job for every org that could have enough data (a cheap pre-filter on
// lead and conversion counts; the job itself applies the real threshold) and has none waiting. Called by the
// nightly maintenance job (netlify/server/jobs/maintenanceQueue.ts: a BullMQ job scheduler, or a timer without Redis).
import { sql } from "kysely";
import { MIN_POSITIVES, MIN_TRAINING_ROWS, SNAPSHOT_AGES_DAYS } from "../../../../ml/models/leadConversion";
import { MIN_MATCH_ROWS } from "../../../../ml/models/investorMatch";
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

/**
 * Nightly: a train-deal-models job for every org with enough deals, and a train-match-model job (the investor–deal
 * match model) for every org with enough shares, each only when none of that name is waiting (service role).
 * Returns how many jobs of both names were queued.
 */
export async function queueNightlyDealTraining(tx: Tx, options: { minDeals?: number; minShares?: number } = {}): Promise<number> {
  return (await queueDealModelsJobs(tx, options.minDeals ?? MIN_DEALS)) + (await queueNightlyMatchTraining(tx, { minShares: options.minShares }));
}

/** Nightly: a train-match-model job for every org with at least MIN_MATCH_ROWS shares and none waiting (service role). */
export async function queueNightlyMatchTraining(tx: Tx, options: { minShares?: number } = {}): Promise<number> {
  const result = await sql`
    insert into public.job_outbox (org_id, queue, name, payload, priority)
    select s.org_id, 'scoring', 'train-match-model', jsonb_build_object('note', 'nightly retraining'), 20
      from public.opportunity_shares s
     where not exists (select 1 from public.job_outbox j where j.org_id = s.org_id and j.queue = 'scoring' and j.status = 'pending' and j.name = 'train-match-model')
     group by s.org_id
    having count(*) >= ${options.minShares ?? MIN_MATCH_ROWS}`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

async function queueDealModelsJobs(tx: Tx, minDeals: number): Promise<number> {
  const result = await sql`
    insert into public.job_outbox (org_id, queue, name, payload, priority)
    select o.org_id, 'scoring', 'train-deal-models', jsonb_build_object('note', 'nightly retraining'), 20
      from public.opportunities o
     where not exists (select 1 from public.job_outbox j where j.org_id = o.org_id and j.queue = 'scoring' and j.status = 'pending' and j.name = 'train-deal-models')
     group by o.org_id
    having count(*) >= ${minDeals}`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}
