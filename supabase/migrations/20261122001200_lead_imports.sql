-- Why: firms arrive with spreadsheets of tens of thousands of leads. An import is uploaded, mapped, previewed,
-- then run as a background job that commits its progress with each batch (so a retry resumes, never
-- repeats), and keeps every rejected row with the reason so nothing is silently lost.

create table public.lead_imports (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  created_by uuid references public.profiles (id) on delete set null,
  filename text not null default 'leads.csv',
  status text not null default 'uploaded' check (status in ('uploaded', 'queued', 'running', 'done', 'failed')),
  csv text not null,
  headers text[] not null,
  mapping jsonb not null default '{}'::jsonb,
  total_rows integer not null default 0,
  processed_rows integer not null default 0,
  created_count integer not null default 0,
  merged_count integer not null default 0,
  rejected_count integer not null default 0,
  error text,
  started_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index lead_imports_org_idx on public.lead_imports (org_id, created_at desc);
create trigger set_updated_at before update on public.lead_imports for each row execute function private.set_updated_at();

create table public.lead_import_rejections (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  import_id uuid not null references public.lead_imports (id) on delete cascade,
  row_number integer not null,
  row_data jsonb not null,
  reason text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (import_id, row_number)
);
create index lead_import_rejections_org_idx on public.lead_import_rejections (org_id, import_id, row_number);

alter table public.lead_imports enable row level security;
alter table public.lead_import_rejections enable row level security;
revoke all on public.lead_imports, public.lead_import_rejections from anon, authenticated;
grant all on public.lead_imports, public.lead_import_rejections to service_role;
grant select, insert, update (mapping, status) on public.lead_imports to authenticated;
grant select on public.lead_import_rejections to authenticated;

create policy "Imports are visible to their org's staff" on public.lead_imports
  for select to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Staff can upload imports to their org" on public.lead_imports
  for insert to authenticated
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Staff can map and start their org's imports" on public.lead_imports
  for update to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])))
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Rejected import rows are visible to their org's staff" on public.lead_import_rejections
  for select to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
