-- Why: issue 5 — admins see the org's background jobs per queue and state, the jobs that used up their attempts
-- (the dead letters) with their error, and retry or discard them. The outbox is not readable by the API roles,
-- so security-definer functions answer, for owners and admins of the org only.

-- A retried dead letter is queued again as a new outbox row (a new BullMQ job id: BullMQ keeps failed jobs and
-- would ignore the old id); the old row becomes 'retried' and names its successor. 'discarded' = dropped by an admin.
alter table public.job_outbox drop constraint job_outbox_status_check;
alter table public.job_outbox add constraint job_outbox_status_check
  check (status in ('pending', 'relayed', 'done', 'failed', 'retried', 'discarded'));

create or replace function private.require_manager(p_org uuid) returns void
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if p_org not in (select private.org_ids_with_role(array['owner', 'admin'])) then
    raise exception 'only owners and admins of the org may manage its jobs' using errcode = '42501';
  end if;
end
$$;

create or replace function private.jobs_overview(p_org uuid) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform private.require_manager(p_org);
  return jsonb_build_object(
    'queues', coalesce((
      select jsonb_agg(jsonb_build_object('queue', q.queue, 'counts', q.counts) order by q.queue)
      from (
        select j.queue, jsonb_object_agg(j.status, j.n) as counts
        from (select queue, status, count(*) as n from public.job_outbox where org_id = p_org group by queue, status) j
        group by j.queue
      ) q
    ), '[]'::jsonb),
    'deadLetters', coalesce((
      select jsonb_agg(jsonb_build_object('id', d.id, 'queue', d.queue, 'name', d.name, 'attempts', d.attempts, 'lastError', d.last_error,
                                          'payload', d.payload, 'createdAt', d.created_at, 'failedAt', d.updated_at) order by d.updated_at desc)
      from (select * from public.job_outbox where org_id = p_org and status = 'failed' order by updated_at desc limit 100) d
    ), '[]'::jsonb),
    'recentErrors', coalesce((
      select jsonb_agg(jsonb_build_object('id', e.id, 'queue', e.queue, 'name', e.name, 'attempts', e.attempts, 'lastError', e.last_error,
                                          'retryAt', e.available_at) order by e.updated_at desc)
      from (select * from public.job_outbox where org_id = p_org and status = 'pending' and last_error is not null order by updated_at desc limit 50) e
    ), '[]'::jsonb)
  );
end
$$;

create or replace function private.retry_job(p_org uuid, p_id uuid) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_old public.job_outbox;
  v_new uuid := gen_random_uuid();
begin
  perform private.require_manager(p_org);
  select * into v_old from public.job_outbox where id = p_id and org_id = p_org and status = 'failed' for update;
  if not found then
    return null;
  end if;
  insert into public.job_outbox (id, org_id, queue, name, payload, request_id)
  values (v_new, v_old.org_id, v_old.queue, v_old.name, v_old.payload, v_old.request_id);
  update public.job_outbox set status = 'retried', last_error = coalesce(last_error, '') || ' — retried as ' || v_new where id = p_id;
  return v_new;
end
$$;

create or replace function private.discard_job(p_org uuid, p_id uuid) returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  perform private.require_manager(p_org);
  update public.job_outbox set status = 'discarded' where id = p_id and org_id = p_org and status = 'failed';
  return found;
end
$$;

revoke all on function private.require_manager(uuid) from public;
revoke all on function private.jobs_overview(uuid) from public;
revoke all on function private.retry_job(uuid, uuid) from public;
revoke all on function private.discard_job(uuid, uuid) from public;
grant execute on function private.require_manager(uuid) to authenticated, service_role;
grant execute on function private.jobs_overview(uuid) to authenticated, service_role;
grant execute on function private.retry_job(uuid, uuid) to authenticated, service_role;
grant execute on function private.discard_job(uuid, uuid) to authenticated, service_role;

-- A job taken ('relayed') by a runner that then died is taken again once its lease runs out (outboxStore.ts):
-- this index finds such rows without scanning the done ones.
create index job_outbox_relayed_idx on public.job_outbox (relayed_at) where status = 'relayed';
