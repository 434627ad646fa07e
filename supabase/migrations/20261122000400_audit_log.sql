-- Why: people run real money through this CRM, so every change to business data leaves a trace nobody
-- can rewrite. Triggers write audit_log; the table is append-only for everyone (no update, no delete, no
-- truncate, whatever the role); each org's entries form a SHA-256 hash chain, so removing or editing an
-- entry breaks the chain, which GET /api/audit/verify reports.

create table public.audit_log (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  action text not null check (action in ('insert', 'update', 'delete')),
  table_name text not null,
  record_id text not null,
  old_data jsonb,
  new_data jsonb,
  prev_hash text,
  hash text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index audit_log_org_id_idx on public.audit_log (org_id, id);

-- The hash of one entry: SHA-256 over the previous hash and the entry's fields, rendered in a fixed way
-- (UTC timestamps, jsonb's canonical text) so the same entry always hashes the same on every platform.
create or replace function private.audit_entry_hash(
  prev_hash text, org_id uuid, occurred_at timestamptz, actor_id uuid, action text,
  table_name text, record_id text, old_data jsonb, new_data jsonb
) returns text
language sql immutable
set search_path = ''
as $$
  select encode(pg_catalog.sha256(convert_to(concat_ws('|',
    coalesce(prev_hash, ''),
    org_id::text,
    to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(actor_id::text, ''),
    action,
    table_name,
    record_id,
    coalesce(old_data::text, ''),
    coalesce(new_data::text, '')
  ), 'UTF8')), 'hex')
$$;

create or replace function private.audit_row_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row jsonb;
  v_old jsonb;
  v_new jsonb;
  v_org uuid;
  v_record text;
  v_prev text;
  v_at timestamptz := clock_timestamp();
  v_actor uuid := auth.uid();
  v_action text := lower(tg_op);
begin
  if tg_op = 'DELETE' then
    v_row := to_jsonb(old);
    v_old := v_row;
  elsif tg_op = 'UPDATE' then
    v_row := to_jsonb(new);
    v_old := to_jsonb(old);
    v_new := v_row;
    if v_old - 'updated_at' = v_new - 'updated_at' then
      return null; -- nothing but the timestamp changed
    end if;
  else
    v_row := to_jsonb(new);
    v_new := v_row;
  end if;

  -- Secrets never enter the log.
  v_old := v_old - 'signing_secret';
  v_new := v_new - 'signing_secret';

  v_org := coalesce((v_row ->> 'org_id')::uuid, case when tg_table_name = 'orgs' then (v_row ->> 'id')::uuid end);
  v_record := coalesce(v_row ->> 'id', concat_ws(':', v_row ->> 'org_id', v_row ->> 'user_id'));

  -- One writer per org chain at a time; released at commit.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('audit:' || v_org::text, 0));
  select a.hash into v_prev from public.audit_log a where a.org_id = v_org order by a.id desc limit 1;

  insert into public.audit_log (org_id, occurred_at, actor_id, action, table_name, record_id, old_data, new_data, prev_hash, hash)
  values (v_org, v_at, v_actor, v_action, tg_table_name, v_record, v_old, v_new, v_prev,
          private.audit_entry_hash(v_prev, v_org, v_at, v_actor, v_action, tg_table_name, v_record, v_old, v_new));
  return null;
end
$$;

create or replace function private.reject_audit_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_log_no_update_or_delete before update or delete on public.audit_log
  for each row execute function private.reject_audit_change();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.reject_audit_change();

do $$
declare
  t text;
begin
  foreach t in array array['orgs', 'org_members', 'properties', 'leads', 'pipeline_stages', 'investors',
                           'opportunities', 'tasks', 'webhook_sources']
  loop
    execute format('create trigger audit_row_change after insert or update or delete on public.%I for each row execute function private.audit_row_change()', t);
  end loop;
end
$$;

alter table public.audit_log enable row level security;
revoke all on public.audit_log from anon, authenticated, service_role;
grant select, insert on public.audit_log to service_role;
grant select on public.audit_log to authenticated;

create policy "Audit entries are visible to their org's owners and admins" on public.audit_log
  for select to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

-- Checks one org's chain: the first entry whose stored hash or link does not match, or nothing.
create or replace function private.audit_verify(p_org_id uuid)
returns table (entries bigint, first_broken_id bigint, reason text)
language sql stable
security definer
set search_path = ''
as $$
  with chain as (
    select a.id, a.prev_hash, a.hash,
           lag(a.hash) over (order by a.id) as expected_prev,
           private.audit_entry_hash(a.prev_hash, a.org_id, a.occurred_at, a.actor_id, a.action, a.table_name,
                                    a.record_id, a.old_data, a.new_data) as expected_hash
    from public.audit_log a
    where a.org_id = p_org_id
      -- Callers with the API role may verify only orgs they own or administer.
      and (coalesce(auth.role(), '') <> 'authenticated' or p_org_id in (select private.org_ids_with_role(array['owner', 'admin'])))
  ),
  broken as (
    select id,
           case when hash <> expected_hash then 'hash does not match the entry''s contents'
                else 'link to the previous entry is broken' end as reason
    from chain
    where hash <> expected_hash or prev_hash is distinct from expected_prev
    order by id
    limit 1
  )
  select (select count(*) from chain), (select id from broken), (select reason from broken)
$$;
revoke all on function private.audit_verify(uuid) from public;
grant execute on function private.audit_verify(uuid) to authenticated, service_role;
