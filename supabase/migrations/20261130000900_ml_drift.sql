-- Why: issue 7, point 10 — drift monitoring of the lead-scoring model. Each check compares the leads scored lately
-- with the population the active model was checked on (its drift reference, kept in ml_models.metrics), feature by
-- feature and on the score (population stability index), and alerts the org's managers when a shift is major.
-- Written by the ml-drift job (service role); staff read them.

create table public.ml_drift_reports (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  model_id uuid not null references public.ml_models (id) on delete cascade,
  rows integer not null check (rows >= 0),
  score_psi double precision,
  report jsonb not null,
  alert boolean not null default false,
  -- The job that wrote it: a retried job writes no second report.
  job_id uuid unique,
  computed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index ml_drift_reports_org_idx on public.ml_drift_reports (org_id, computed_at desc);

alter table public.ml_drift_reports enable row level security;
create trigger set_updated_at before update on public.ml_drift_reports for each row execute function private.set_updated_at();
grant select on public.ml_drift_reports to authenticated;
create policy "Drift reports are visible to their org's staff" on public.ml_drift_reports
  for select to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
