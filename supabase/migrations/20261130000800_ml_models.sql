-- Why: issue 7 point 9 — serve the lead-conversion model. Each org trains its own models (ml/models/leadConversion.ts)
-- into a registry of versions; at most one version per org and kind is active, and a new version is promoted only
-- when it beats the active one on its held-out window. Every score written on a lead is kept in a history with the
-- model that produced it and its top factors. Scoring is queued automatically (a trigger, like the workflow events)
-- when a lead is created or changes — and only in orgs that have an active model, so the others pay nothing.

create table public.ml_models (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  kind text not null default 'lead_conversion' check (kind in ('lead_conversion')),
  version integer not null check (version > 0),
  -- The exported model JSON (ml/gbdt/modelFormat.ts, formatVersion 1).
  model jsonb not null,
  -- Held-out window metrics (test: auc, logLoss, brier, ece …), the split and the horizon.
  metrics jsonb not null default '{}'::jsonb,
  training_window_start timestamptz,
  training_window_end timestamptz,
  training_rows integer not null default 0 check (training_rows >= 0),
  active boolean not null default false,
  note text check (note is null or char_length(note) <= 500),
  -- The training job that stored it: a retried job stores no second version.
  job_id uuid unique,
  promoted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, kind, version)
);
create unique index ml_models_one_active_idx on public.ml_models (org_id, kind) where active;

create table public.lead_score_history (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  model_id uuid not null references public.ml_models (id) on delete cascade,
  score smallint not null check (score between 0 and 100),
  probability double precision not null check (probability between 0 and 1),
  grade text not null check (grade in ('A', 'B', 'C', 'D', 'F')),
  factors jsonb not null default '[]'::jsonb,
  -- The score-lead job that wrote it (null when scored through the API): a retry writes no second row.
  job_id uuid unique,
  scored_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
create index lead_score_history_lead_idx on public.lead_score_history (org_id, lead_id, scored_at desc);
create index lead_score_history_model_idx on public.lead_score_history (model_id);

alter table public.ml_models enable row level security;
alter table public.lead_score_history enable row level security;
create trigger set_updated_at before update on public.ml_models for each row execute function private.set_updated_at();

-- Staff read the registry; only the training job (service role) writes it. Managers switch the active version
-- through private.activate_ml_model (security definer) below — no direct write grant.
grant select on public.ml_models to authenticated;
create policy "Models are visible to their org's staff" on public.ml_models
  for select to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));

-- Staff read the history. Staff insert it too: POST /api/ml/score scores in the caller's own transaction and writes
-- the score back (leads.score is already staff-writable, so this grants nothing new); the lead and the model must be
-- of the same org and visible to the caller. The score-lead job writes as the service role.
grant select, insert on public.lead_score_history to authenticated;
create policy "Lead scores are visible to their org's staff" on public.lead_score_history
  for select to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Staff record scores of their org's leads" on public.lead_score_history
  for insert to authenticated
  with check (
    org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent']))
    and lead_id in (select l.id from public.leads l where l.org_id = lead_score_history.org_id)
    and model_id in (select m.id from public.ml_models m where m.org_id = lead_score_history.org_id)
  );

-- Makes a version the active one of its org and kind (promotion by hand and rollback): managers of the model's org only.
create or replace function private.activate_ml_model(p_model uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_org uuid;
  v_kind text;
begin
  select m.org_id, m.kind into v_org, v_kind from public.ml_models m where m.id = p_model;
  if v_org is null or v_org not in (select private.org_ids_with_role(array['owner', 'admin'])) then
    raise exception 'only managers of the model''s org may activate it' using errcode = '42501';
  end if;
  update public.ml_models set active = false where org_id = v_org and kind = v_kind and active and id <> p_model;
  update public.ml_models set active = true, promoted_at = now() where id = p_model and not active;
end
$$;
revoke all on function private.activate_ml_model(uuid) from public;
grant execute on function private.activate_ml_model(uuid) to authenticated, service_role;

-- ——— automatic scoring ———

-- Queues a score-lead job when (and only when) the org has an active lead-conversion model, unless one is already
-- waiting for the lead (it will read the latest data when it runs).
create or replace function private.queue_lead_scoring(p_org uuid, p_lead uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if exists (select 1 from public.ml_models m where m.org_id = p_org and m.kind = 'lead_conversion' and m.active)
     and not exists (
       select 1 from public.job_outbox j
        where j.org_id = p_org and j.queue = 'scoring' and j.status = 'pending' and j.name = 'score-lead'
          and j.payload ->> 'leadId' = p_lead::text
     ) then
    insert into public.job_outbox (org_id, queue, name, payload, priority)
    values (p_org, 'scoring', 'score-lead', jsonb_build_object('leadId', p_lead), 6);
  end if;
end
$$;
revoke all on function private.queue_lead_scoring(uuid, uuid) from public;

create or replace function private.score_lead_created() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.deleted_at is null then
    perform private.queue_lead_scoring(new.org_id, new.id);
  end if;
  return null;
end
$$;

-- Any change but the score itself (which scoring writes: no loop) and the bookkeeping columns.
create or replace function private.score_lead_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.deleted_at is null
     and exists (select 1 from public.ml_models m where m.org_id = new.org_id and m.kind = 'lead_conversion' and m.active)
     and (to_jsonb(new) - array['score', 'updated_at', 'search_vector']) is distinct from (to_jsonb(old) - array['score', 'updated_at', 'search_vector']) then
    perform private.queue_lead_scoring(new.org_id, new.id);
  end if;
  return null;
end
$$;

-- New evidence recorded against the lead: an enrichment result, a message sent or received.
create or replace function private.score_lead_evidence() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.lead_id is not null then
    perform private.queue_lead_scoring(new.org_id, new.lead_id);
  end if;
  return null;
end
$$;

create trigger score_lead_created after insert on public.leads for each row execute function private.score_lead_created();
create trigger score_lead_changed after update on public.leads for each row execute function private.score_lead_changed();
create trigger score_lead_enriched after insert on public.lead_enrichments for each row execute function private.score_lead_evidence();
create trigger score_lead_messaged after insert on public.activities for each row
  when (new.type in ('message.sent', 'message.received', 'lead.converted')) execute function private.score_lead_evidence();
