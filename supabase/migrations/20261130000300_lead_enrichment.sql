-- Why: issue 5 — every new lead is checked and enriched in the background: contact validity offline (phone,
-- email, address), property facts from a provider when one is configured. Results are kept per run with the
-- provider, cost and time, for the lead's page and the enrichment monitor.

create table public.lead_enrichments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  kind text not null check (kind in ('contact', 'property')),
  provider text not null check (char_length(provider) between 1 and 60),
  status text not null check (status in ('done', 'not_found', 'not_configured', 'failed')),
  result jsonb not null default '{}'::jsonb,
  cost_cents integer not null default 0 check (cost_cents >= 0),
  duration_ms integer not null default 0 check (duration_ms >= 0),
  error text,
  -- The outbox job that produced it: a retried job finds its own rows and does not pay twice.
  job_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (job_id, kind)
);
create index lead_enrichments_lead_idx on public.lead_enrichments (org_id, lead_id, created_at desc);
create index lead_enrichments_org_created_idx on public.lead_enrichments (org_id, created_at);

alter table public.lead_enrichments enable row level security;
create trigger set_updated_at before update on public.lead_enrichments for each row execute function private.set_updated_at();
-- Staff read them; only the enrichment job (service role) writes them.
grant select on public.lead_enrichments to authenticated;
create policy "Enrichments are visible to their org's staff" on public.lead_enrichments
  for select to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));

-- Every new lead is queued for enrichment by private.upsert_lead (every way in — API, form, webhook, CSV — goes
-- through it), in the transaction that creates the lead.

-- The enrichment monitor: the org's enrichment jobs by state and what the provider cost today. The outbox is
-- not readable by the API roles, so this security-definer function answers for staff of the org only.
create index job_outbox_org_queue_status_idx on public.job_outbox (org_id, queue, status);

create or replace function private.enrichment_monitor(p_org uuid) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_today timestamptz := date_trunc('day', now());
begin
  if p_org not in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])) then
    raise exception 'only staff of the org may read its enrichment monitor' using errcode = '42501';
  end if;
  return (
    select jsonb_build_object(
      'queued', count(*) filter (where j.status = 'pending'),
      'running', count(*) filter (where j.status = 'relayed'),
      'doneToday', count(*) filter (where j.status = 'done' and j.updated_at >= v_today),
      'failed', count(*) filter (where j.status = 'failed'),
      'costTodayCents', (select coalesce(sum(e.cost_cents), 0) from public.lead_enrichments e where e.org_id = p_org and e.created_at >= v_today),
      'propertyLookupsToday', (select count(*) from public.lead_enrichments e where e.org_id = p_org and e.kind = 'property' and e.status in ('done', 'not_found') and e.created_at >= v_today)
    )
    from public.job_outbox j
    where j.org_id = p_org and j.queue = 'enrichment'
  );
end
$$;
revoke all on function private.enrichment_monitor(uuid) from public;
grant execute on function private.enrichment_monitor(uuid) to authenticated, service_role;
