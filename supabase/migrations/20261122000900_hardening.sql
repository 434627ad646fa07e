-- Why: two small hardenings found in review. private.audit_verify now refuses (instead of reporting an empty,
-- "intact" chain) when an API caller asks about an org they don't own or administer; and the rate-limit
-- windows, one row per key per minute, are pruned as they are written, so the table stays small without a job.

create or replace function private.audit_verify(p_org_id uuid)
returns table (entries bigint, first_broken_id bigint, reason text)
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
    select a.id, a.prev_hash, a.hash,
           lag(a.hash) over (order by a.id) as expected_prev,
           private.audit_entry_hash(a.prev_hash, a.org_id, a.occurred_at, a.actor_id, a.action, a.table_name,
                                    a.record_id, a.old_data, a.new_data) as expected_hash
    from public.audit_log a
    where a.org_id = p_org_id
  ),
  broken as (
    select c.id,
           case when c.hash <> c.expected_hash then 'hash does not match the entry''s contents'
                else 'link to the previous entry is broken' end as why
    from chain c
    where c.hash <> c.expected_hash or c.prev_hash is distinct from c.expected_prev
    order by c.id
    limit 1
  )
  select (select count(*) from chain), (select b.id from broken b), (select b.why from broken b);
end
$$;

create or replace function private.rate_limit_hit(p_key text, p_window_seconds integer) returns integer
language plpgsql volatile
set search_path = ''
as $$
declare
  v_hits integer;
begin
  insert into private.rate_limit_windows as w (key, window_start, hits)
  values (p_key, to_timestamp(floor(extract(epoch from now()) / p_window_seconds) * p_window_seconds), 1)
  on conflict (key, window_start) do update set hits = w.hits + 1
  returning w.hits into v_hits;
  -- About one call in a hundred sweeps windows older than an hour.
  if random() < 0.01 then
    delete from private.rate_limit_windows where window_start < now() - interval '1 hour';
  end if;
  return v_hits;
end
$$;
