-- Why: issue 6 — workflow automation. A workflow is a draft graph that managers edit and publish as immutable
-- versions; executions run on the version they started with, one step per job, each step recorded once
-- (unique execution + step: the idempotency key of its side effects). Events (lead created, field changed, deal
-- stage changed, text reply) are captured by triggers in the database, so every path in — webhook, form, API,
-- CSV, another workflow — starts workflows the same way, and only when the org has an enabled workflow that
-- listens for that event.

create table public.workflows (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 120),
  description text check (description is null or char_length(description) <= 1000),
  enabled boolean not null default false,
  draft_graph jsonb not null,
  draft_updated_at timestamptz not null default now(),
  -- The published version that runs, and its trigger (copied here so event capture is one index probe).
  active_version_id uuid,
  trigger_event text,
  -- Signs inbound webhook triggers and outgoing webhook steps. Never readable by the API roles (column grants).
  signing_secret text not null,
  -- Schedule triggers: when the next run is due (computed from the cron in the org's time zone).
  next_run_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index workflows_org_idx on public.workflows (org_id, created_at desc);
create index workflows_listening_idx on public.workflows (org_id, trigger_event) where enabled;
create index workflows_schedule_due_idx on public.workflows (next_run_at) where enabled and trigger_event = 'schedule';

create table public.workflow_versions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  workflow_id uuid not null references public.workflows (id) on delete cascade,
  version integer not null check (version > 0),
  graph jsonb not null,
  trigger_event text not null,
  published_by uuid references auth.users (id) on delete set null,
  published_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workflow_id, version)
);
create index workflow_versions_org_idx on public.workflow_versions (org_id, workflow_id, version desc);
alter table public.workflows add constraint workflows_active_version_fk foreign key (active_version_id) references public.workflow_versions (id) on delete set null;

create table public.workflow_executions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  workflow_id uuid not null references public.workflows (id) on delete cascade,
  version_id uuid not null references public.workflow_versions (id) on delete cascade,
  trigger_event text not null,
  -- What started it (the event job's id and the subject): the same event handled twice starts one execution.
  trigger_key text not null,
  trigger_data jsonb not null default '{}'::jsonb,
  lead_id uuid references public.leads (id) on delete set null,
  opportunity_id uuid references public.opportunities (id) on delete set null,
  status text not null default 'running' check (status in ('running', 'waiting', 'completed', 'failed', 'stopped')),
  -- How many workflow-caused events led to this one (loop protection).
  depth integer not null default 0,
  -- "Stop when the lead replies or changes status", armed by a stop_on step.
  stop_on jsonb,
  stop_armed_at timestamptz,
  status_when_armed text,
  current_step_id text,
  failed_step_id text,
  error text,
  resume_at timestamptz,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workflow_id, trigger_key)
);
create index workflow_executions_org_workflow_idx on public.workflow_executions (org_id, workflow_id, started_at desc);
create index workflow_executions_lead_idx on public.workflow_executions (org_id, lead_id, workflow_id, started_at desc) where lead_id is not null;
create index workflow_executions_active_idx on public.workflow_executions (org_id, lead_id) where status in ('running', 'waiting');

create table public.workflow_step_runs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  execution_id uuid not null references public.workflow_executions (id) on delete cascade,
  step_id text not null,
  node_type text not null,
  seq integer not null,
  status text not null check (status in ('running', 'done', 'skipped', 'failed')),
  input jsonb not null default '{}'::jsonb,
  output jsonb,
  error text,
  attempts integer not null default 1,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (execution_id, step_id)
);
create index workflow_step_runs_org_execution_idx on public.workflow_step_runs (org_id, execution_id, seq);

do $$
declare
  t text;
begin
  foreach t in array array['workflows', 'workflow_versions', 'workflow_executions', 'workflow_step_runs']
  loop
    execute format('alter table public.%I enable row level security', t);
    execute format('create trigger set_updated_at before update on public.%I for each row execute function private.set_updated_at()', t);
  end loop;
end
$$;
create trigger audit_row_change after insert or update or delete on public.workflows for each row execute function private.audit_row_change();

-- Staff read workflows and their runs; managers write workflows and publish versions; executions and step runs
-- are written by the engine (service role) only.
grant select (id, org_id, name, description, enabled, draft_graph, draft_updated_at, active_version_id, trigger_event, next_run_at, created_by, created_at, updated_at) on public.workflows to authenticated;
grant insert (org_id, name, description, enabled, draft_graph, draft_updated_at, signing_secret, created_by) on public.workflows to authenticated;
grant update (name, description, enabled, draft_graph, draft_updated_at, active_version_id, trigger_event, next_run_at, signing_secret) on public.workflows to authenticated;
grant delete on public.workflows to authenticated;
create policy "Workflows are visible to their org's staff" on public.workflows
  for select to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Managers add workflows" on public.workflows
  for insert to authenticated with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));
create policy "Managers change workflows" on public.workflows
  for update to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])))
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));
create policy "Managers delete workflows" on public.workflows
  for delete to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

grant select, insert on public.workflow_versions to authenticated;
create policy "Workflow versions are visible to their org's staff" on public.workflow_versions
  for select to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Managers publish workflow versions" on public.workflow_versions
  for insert to authenticated
  with check (
    org_id in (select private.org_ids_with_role(array['owner', 'admin']))
    and workflow_id in (select w.id from public.workflows w where w.org_id = workflow_versions.org_id)
  );

grant select on public.workflow_executions, public.workflow_step_runs to authenticated;
create policy "Workflow runs are visible to their org's staff" on public.workflow_executions
  for select to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Workflow steps are visible to their org's staff" on public.workflow_step_runs
  for select to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));

-- The signing secret, for the org's managers only (the builder shows it with the inbound webhook URL).
create or replace function private.workflow_signing_secret(p_workflow uuid) returns text
language sql stable security definer set search_path = '' as $$
  select w.signing_secret from public.workflows w
   where w.id = p_workflow and w.org_id in (select private.org_ids_with_role(array['owner', 'admin']))
$$;
revoke all on function private.workflow_signing_secret(uuid) from public;
grant execute on function private.workflow_signing_secret(uuid) to authenticated, service_role;

-- ——— event capture ———

-- Queues a workflow-event job when (and only when) an enabled workflow of the org listens for the event. The
-- depth and origin of a change a workflow step made travel with the event (set by the step's transaction as
-- hk.workflow_depth / hk.workflow_id), so the engine can stop a workflow retriggering itself without limit.
create or replace function private.emit_workflow_event(p_org uuid, p_event text, p_data jsonb) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if exists (select 1 from public.workflows w where w.org_id = p_org and w.enabled and w.trigger_event = p_event) then
    insert into public.job_outbox (org_id, queue, name, payload, priority)
    values (
      p_org, 'workflow', 'workflow-event',
      jsonb_build_object(
        'event', p_event,
        'depth', coalesce(nullif(current_setting('hk.workflow_depth', true), '')::integer, 0),
        'originWorkflowId', nullif(current_setting('hk.workflow_id', true), ''),
        'occurredAt', to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      ) || p_data,
      1
    );
  end if;
end
$$;
revoke all on function private.emit_workflow_event(uuid, text, jsonb) from public;

-- A reply or a status change ends, at once, the runs armed to stop on it (a stop_on step) — not only when their
-- next step comes due. A run's own status change does not stop it.
create or replace function private.stop_armed_workflow_runs(p_org uuid, p_lead uuid, p_kind text, p_reason text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  update public.workflow_executions e
     set status = 'stopped', error = 'stopped: ' || p_reason, finished_at = now(), current_step_id = null, resume_at = null
   where e.org_id = p_org and e.lead_id = p_lead and e.status in ('running', 'waiting')
     and e.stop_armed_at is not null and coalesce((e.stop_on ->> p_kind)::boolean, false)
     and e.id::text is distinct from nullif(current_setting('hk.workflow_execution_id', true), '');
end
$$;
revoke all on function private.stop_armed_workflow_runs(uuid, uuid, text, text) from public;

create or replace function private.workflow_lead_created() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.deleted_at is null then
    perform private.emit_workflow_event(new.org_id, 'lead.created', jsonb_build_object('leadId', new.id));
  end if;
  return null;
end
$$;

-- One event per update that changed a watched field, with each change's before and after.
create or replace function private.workflow_lead_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_changes jsonb := '{}'::jsonb;
begin
  if new.deleted_at is not null or old.deleted_at is not null then
    return null;
  end if;
  if new.status is distinct from old.status then v_changes := v_changes || jsonb_build_object('status', jsonb_build_object('from', old.status, 'to', new.status)); end if;
  if new.assignee_id is distinct from old.assignee_id then v_changes := v_changes || jsonb_build_object('assigneeId', jsonb_build_object('from', old.assignee_id, 'to', new.assignee_id)); end if;
  if new.source is distinct from old.source then v_changes := v_changes || jsonb_build_object('source', jsonb_build_object('from', old.source, 'to', new.source)); end if;
  if new.tags is distinct from old.tags then v_changes := v_changes || jsonb_build_object('tags', jsonb_build_object('from', to_jsonb(old.tags), 'to', to_jsonb(new.tags))); end if;
  if new.score is distinct from old.score then v_changes := v_changes || jsonb_build_object('score', jsonb_build_object('from', old.score, 'to', new.score)); end if;
  if new.email is distinct from old.email then v_changes := v_changes || jsonb_build_object('email', jsonb_build_object('from', old.email, 'to', new.email)); end if;
  if new.phone is distinct from old.phone then v_changes := v_changes || jsonb_build_object('phone', jsonb_build_object('from', old.phone, 'to', new.phone)); end if;
  if new.first_name is distinct from old.first_name then v_changes := v_changes || jsonb_build_object('firstName', jsonb_build_object('from', old.first_name, 'to', new.first_name)); end if;
  if new.last_name is distinct from old.last_name then v_changes := v_changes || jsonb_build_object('lastName', jsonb_build_object('from', old.last_name, 'to', new.last_name)); end if;
  if new.status is distinct from old.status then
    perform private.stop_armed_workflow_runs(new.org_id, new.id, 'statusChange', format('the lead''s status changed (%s → %s)', old.status, new.status));
  end if;
  if v_changes <> '{}'::jsonb then
    perform private.emit_workflow_event(new.org_id, 'lead.field_changed', jsonb_build_object('leadId', new.id, 'changes', v_changes));
  end if;
  return null;
end
$$;

create or replace function private.workflow_stage_moved() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.emit_workflow_event(new.org_id, 'opportunity.stage_changed',
    jsonb_build_object('opportunityId', new.opportunity_id, 'fromStageId', new.from_stage_id, 'toStageId', new.to_stage_id));
  return null;
end
$$;

create or replace function private.workflow_reply_received() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.type = 'message.received' and new.lead_id is not null then
    perform private.stop_armed_workflow_runs(new.org_id, new.lead_id, 'reply', 'the lead replied');
    perform private.emit_workflow_event(new.org_id, 'sms.reply', jsonb_build_object('leadId', new.lead_id, 'activityId', new.id));
  end if;
  return null;
end
$$;

create trigger workflow_lead_created after insert on public.leads for each row execute function private.workflow_lead_created();
create trigger workflow_lead_changed after update on public.leads for each row execute function private.workflow_lead_changed();
create trigger workflow_stage_moved after insert on public.opportunity_stage_moves for each row execute function private.workflow_stage_moved();
create trigger workflow_reply_received after insert on public.activities for each row
  when (new.type = 'message.received') execute function private.workflow_reply_received();

-- Task overdue: the scheduler marks each overdue open task once and emits its event.
alter table public.tasks add column overdue_notified_at timestamptz;
create index tasks_overdue_scan_idx on public.tasks (due_at) where status = 'open' and overdue_notified_at is null and due_at is not null;
