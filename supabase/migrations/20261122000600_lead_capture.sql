-- Why: leads arrive from forms, webhooks, the API and CSV files, often twice (a person fills two forms, a
-- vendor retries). The database itself guarantees one lead per person per org: unique email, unique phone,
-- unique property address. Deliveries keep their first answer so a retry gets it again, and every source has
-- its own rate limit.

-- One lead per email / phone / property address within an org (the dedup guarantee under concurrency).
drop index if exists public.leads_org_email_idx;
drop index if exists public.leads_org_phone_idx;
create unique index leads_org_email_key on public.leads (org_id, email) where email is not null;
create unique index leads_org_phone_key on public.leads (org_id, phone) where phone is not null;

alter table public.leads
  add column address_key text generated always as (
    case when street is not null and zip is not null then lower(street) || '|' || zip end
  ) stored;
create unique index leads_org_address_key on public.leads (org_id, address_key) where address_key is not null;

-- Where a lead came from: UTM parameters, click ids, ad ids (first touch; later touches go on the timeline).
alter table public.leads add column attribution jsonb not null default '{}'::jsonb;

alter table public.webhook_sources
  add column rate_limit_per_minute integer not null default 600 check (rate_limit_per_minute between 1 and 100000);
grant select (rate_limit_per_minute), insert (rate_limit_per_minute), update (rate_limit_per_minute) on public.webhook_sources to authenticated;

-- The answer given to a delivery, replayed verbatim to a repeat with the same idempotency key. Only one
-- accepted delivery per key; repeats are kept too, as status 'duplicate'.
alter table public.webhook_events add column response jsonb;
drop index if exists public.webhook_events_idempotency_idx;
create unique index webhook_events_idempotency_key on public.webhook_events (source_id, idempotency_key)
  where idempotency_key is not null and status = 'accepted';
create index webhook_events_source_received_idx on public.webhook_events (source_id, received_at desc);

-- Fixed-window counters for rate limits (per source, per IP…). Only the service role touches them.
create table if not exists private.rate_limit_windows (
  key text not null,
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (key, window_start)
);
revoke all on private.rate_limit_windows from public;

-- Counts one hit and returns the window's total: one statement, safe under concurrency.
create or replace function private.rate_limit_hit(p_key text, p_window_seconds integer) returns integer
language sql volatile
set search_path = ''
as $$
  insert into private.rate_limit_windows as w (key, window_start, hits)
  values (p_key, to_timestamp(floor(extract(epoch from now()) / p_window_seconds) * p_window_seconds), 1)
  on conflict (key, window_start) do update set hits = w.hits + 1
  returning hits
$$;
revoke all on function private.rate_limit_hit(text, integer) from public;
grant execute on function private.rate_limit_hit(text, integer) to service_role;
