import { sql } from "kysely";
import type { Tx } from "../../db/transactions";

/** Leads are re-enriched when their last contact check is older than this (numbers and owners change). */
export const REENRICH_AFTER_DAYS = 90;

/**
 * The nightly batch (service role, every org): queues enrichment, at bulk priority, for live leads never enriched
 * or last enriched more than REENRICH_AFTER_DAYS ago — at most `perOrg` per org a night, oldest first — and not
 * already waiting in the queue. Returns how many were queued.
 */
export async function queueStaleEnrichment(tx: Tx, perOrg = 2_000): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    with stale as (
      select l.org_id, l.id,
             row_number() over (partition by l.org_id order by coalesce(e.last_at, 'epoch'::timestamptz), l.created_at) as rn
      from public.leads l
      left join lateral (
        select max(created_at) as last_at from public.lead_enrichments
        where lead_id = l.id and kind = 'contact'
      ) e on true
      where l.deleted_at is null
        and (e.last_at is null or e.last_at < now() - make_interval(days => ${REENRICH_AFTER_DAYS}))
        and not exists (
          select 1 from public.job_outbox j
          where j.name = 'enrich-lead' and j.status in ('pending', 'relayed') and j.payload->>'leadId' = l.id::text
        )
    ),
    queued as (
      insert into public.job_outbox (org_id, queue, name, payload, priority)
      select org_id, 'enrichment', 'enrich-lead', jsonb_build_object('leadId', id), 10 from stale where rn <= ${perOrg}
      returning 1
    )
    select count(*) as n from queued`.execute(tx);
  return Number(rows[0].n);
}
