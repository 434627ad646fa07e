-- Why: every change to business data wrote its audit entry and linked it into the org's SHA-256 hash chain
-- inside the writing transaction, under a per-org lock held through the commit's WAL flush. So all writers of
-- one org committed one at a time: in `npm run bench -- ingest` 54 % of the connections' time was spent
-- waiting for that lock (and another 19 % on rows held by transactions queued behind it). The chain now
-- follows the design of SQL Server's ledger and Trillian-style logs: a write appends its entry unsealed (no
-- lock, no hash), and a sealer links the committed entries into the chain in batches, seconds later
-- (private.audit_seal: a BullMQ job scheduler with Redis, a timer in-process, and every verification first).
--
-- An entry's place in its org's chain is `seq` (1, 2, 3 … per org, given at sealing), its link `prev_hash`
-- (the previous entry's hash) and `hash`; all three are null until sealed. The guard trigger still refuses
-- every update and delete, except the sealer's one-time filling of those three columns on an unsealed entry
-- with every other column unchanged. What an entry records is fixed when it is written, as before; the chain
-- makes a later edit or removal by someone who can bypass the guard (a superuser) detectable — for entries
-- written before the last sealing, i.e. all but the last few seconds' (private.audit_verify reports those as
-- pending).

alter table public.audit_log add column seq bigint;
alter table public.audit_log alter column hash drop not null;

-- The entries chained so far keep their chain: their place is their order.
alter table public.audit_log disable trigger audit_log_no_update_or_delete;
update public.audit_log a set seq = s.n
from (select id, row_number() over (partition by org_id order by id) as n from public.audit_log) s
where a.id = s.id;
alter table public.audit_log enable trigger audit_log_no_update_or_delete;

create unique index audit_log_org_seq_idx on public.audit_log (org_id, seq) where seq is not null;
-- Only the few entries not sealed yet: where the sealer starts.
create index audit_log_unsealed_idx on public.audit_log (org_id, id) where seq is null;

-- The write path: the entry, nothing else.
create or replace function private.audit_row_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row jsonb;
  v_old jsonb;
  v_new jsonb;
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

  insert into public.audit_log (org_id, occurred_at, actor_id, action, table_name, record_id, old_data, new_data)
  values (
    coalesce((v_row ->> 'org_id')::uuid, case when tg_table_name = 'orgs' then (v_row ->> 'id')::uuid end),
    clock_timestamp(),
    auth.uid(),
    lower(tg_op),
    tg_table_name,
    coalesce(v_row ->> 'id', concat_ws(':', v_row ->> 'org_id', v_row ->> 'user_id')),
    v_old - 'signing_secret', -- secrets never enter the log
    v_new - 'signing_secret'
  );
  return null;
end
$$;

create or replace function private.reject_audit_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    -- The sealer's one write: an unsealed entry gets its place and hashes; nothing it records changes.
    if old.seq is null and old.hash is null and old.prev_hash is null and new.seq is not null and new.hash is not null
       and (new.id, new.org_id, new.occurred_at, new.actor_id, new.action, new.table_name, new.record_id, new.created_at, new.updated_at)
           is not distinct from (old.id, old.org_id, old.occurred_at, old.actor_id, old.action, old.table_name, old.record_id, old.created_at, old.updated_at)
       and new.old_data is not distinct from old.old_data
       and new.new_data is not distinct from old.new_data then
      return new;
    end if;
  end if;
  raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end
$$;

-- Links the committed, unsealed entries into their org's chain, oldest first, up to p_limit of them: one org
-- (p_org_id) or every org (null; the service role only). One sealer per org at a time — another one busy with
-- an org skips it (its entries are sealed by that one or the next run). Returns how many entries it sealed.
-- API callers (owners and admins) may seal only their own org's chain: it changes nothing they could choose.
create or replace function private.audit_seal(p_org_id uuid default null, p_limit integer default 10000)
returns integer
language plpgsql volatile
security definer
set search_path = ''
as $$
declare
  v_org uuid;
  v_seq bigint;
  v_prev text;
  v_hash text;
  v_sealed integer := 0;
  r public.audit_log;
begin
  if coalesce(auth.role(), '') = 'authenticated'
     and (p_org_id is null or p_org_id not in (select private.org_ids_with_role(array['owner', 'admin']))) then
    raise exception 'only owners and admins may seal an org''s audit log' using errcode = 'insufficient_privilege';
  end if;
  for v_org in
    select distinct a.org_id from public.audit_log a where a.seq is null and (p_org_id is null or a.org_id = p_org_id)
  loop
    exit when v_sealed >= p_limit;
    continue when not pg_catalog.pg_try_advisory_xact_lock(pg_catalog.hashtextextended('audit:' || v_org::text, 0));
    select a.seq, a.hash into v_seq, v_prev
    from public.audit_log a where a.org_id = v_org and a.seq is not null order by a.seq desc limit 1;
    v_seq := coalesce(v_seq, 0);
    for r in
      select * from public.audit_log a where a.org_id = v_org and a.seq is null order by a.id limit p_limit - v_sealed
    loop
      v_seq := v_seq + 1;
      v_hash := private.audit_entry_hash(v_prev, r.org_id, r.occurred_at, r.actor_id, r.action, r.table_name,
                                         r.record_id, r.old_data, r.new_data);
      update public.audit_log set seq = v_seq, prev_hash = v_prev, hash = v_hash where id = r.id;
      v_prev := v_hash;
      v_sealed := v_sealed + 1;
    end loop;
  end loop;
  return v_sealed;
end
$$;
revoke all on function private.audit_seal(uuid, integer) from public;
grant execute on function private.audit_seal(uuid, integer) to authenticated, service_role;

-- Checks one org's sealed chain in order of seq: the first entry whose stored hash or link does not match, or
-- nothing; and how many entries wait to be sealed.
drop function private.audit_verify(uuid);
create function private.audit_verify(p_org_id uuid)
returns table (entries bigint, first_broken_id bigint, reason text, pending bigint)
language plpgsql stable
security definer
set search_path = ''
as $$
begin
  if coalesce(auth.role(), '') = 'authenticated'
     and p_org_id not in (select private.org_ids_with_role(array['owner', 'admin'])) then
    raise exception 'only owners and admins may verify an org''s audit log' using errcode = 'insufficient_privilege';
  end if;
  return query
  with chain as (
    select a.id, a.seq, a.prev_hash, a.hash,
           lag(a.hash) over (order by a.seq) as expected_prev,
           private.audit_entry_hash(a.prev_hash, a.org_id, a.occurred_at, a.actor_id, a.action, a.table_name,
                                    a.record_id, a.old_data, a.new_data) as expected_hash
    from public.audit_log a
    where a.org_id = p_org_id and a.seq is not null
  ),
  broken as (
    select c.id,
           case when c.hash <> c.expected_hash then 'hash does not match the entry''s contents'
                else 'link to the previous entry is broken' end as why
    from chain c
    where c.hash <> c.expected_hash or c.prev_hash is distinct from c.expected_prev
    order by c.seq
    limit 1
  )
  select (select count(*) from chain), (select b.id from broken b), (select b.why from broken b),
         (select count(*) from public.audit_log a where a.org_id = p_org_id and a.seq is null);
end
$$;
revoke all on function private.audit_verify(uuid) from public;
grant execute on function private.audit_verify(uuid) to authenticated, service_role;
