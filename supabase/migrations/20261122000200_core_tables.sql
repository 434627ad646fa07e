-- Why: the core of the CRM — tenants (orgs) and their members, user profiles, and the business tables
-- every later feature builds on. Every business table carries org_id not null, indexed, because RLS
-- policies and every list query read it. Policies and grants follow in the next migration.

create table public.orgs (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 120),
  time_zone text not null default 'America/Chicago',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  full_name text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.org_members (
  org_id uuid not null references public.orgs (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'agent', 'investor')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index org_members_user_id_idx on public.org_members (user_id, org_id);

create table public.properties (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  street text,
  city text,
  state text,
  zip text,
  property_type text check (property_type in ('single_family', 'multifamily', 'condo', 'townhouse', 'land', 'commercial', 'mobile_home', 'other')),
  beds numeric(4, 1),
  baths numeric(4, 1),
  sqft integer check (sqft >= 0),
  year_built integer check (year_built between 1600 and 2100),
  lot_size_sqft integer check (lot_size_sqft >= 0),
  estimated_value numeric(14, 2) check (estimated_value >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index properties_org_id_idx on public.properties (org_id, created_at desc, id desc);
create index properties_org_zip_idx on public.properties (org_id, zip);

create table public.leads (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  first_name text,
  last_name text,
  email text,
  phone text,
  source text,
  status text not null default 'new' check (status in ('new', 'contacted', 'qualified', 'nurturing', 'unqualified', 'converted', 'dead')),
  tags text[] not null default '{}',
  assignee_id uuid references public.profiles (id) on delete set null,
  notes text,
  street text,
  city text,
  state text,
  zip text,
  property_id uuid references public.properties (id) on delete set null,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Keyset pagination of the list, newest first, within one org.
create index leads_org_created_idx on public.leads (org_id, created_at desc, id desc);
create index leads_org_assignee_idx on public.leads (org_id, assignee_id);
create index leads_org_email_idx on public.leads (org_id, email) where email is not null;
create index leads_org_phone_idx on public.leads (org_id, phone) where phone is not null;
create index leads_property_id_idx on public.leads (property_id) where property_id is not null;

create table public.pipeline_stages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 60),
  position integer not null,
  kind text not null default 'open' check (kind in ('open', 'won', 'lost')),
  probability numeric(5, 2) not null default 0 check (probability between 0 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, position) deferrable initially deferred
);

create table public.investors (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  user_id uuid references public.profiles (id) on delete set null,
  first_name text not null,
  last_name text,
  company text,
  email text,
  phone text,
  accreditation_status text not null default 'unverified' check (accreditation_status in ('unverified', 'pending', 'accredited', 'not_accredited')),
  min_investment numeric(14, 2) check (min_investment >= 0),
  max_investment numeric(14, 2) check (max_investment >= 0),
  capital_committed numeric(14, 2) not null default 0 check (capital_committed >= 0),
  capital_available numeric(14, 2) not null default 0 check (capital_available >= 0),
  preferences jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (min_investment is null or max_investment is null or min_investment <= max_investment)
);
create index investors_org_created_idx on public.investors (org_id, created_at desc, id desc);
create index investors_user_id_idx on public.investors (user_id) where user_id is not null;

create table public.opportunities (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  stage_id uuid not null references public.pipeline_stages (id) on delete restrict,
  position integer not null default 0,
  lead_id uuid references public.leads (id) on delete set null,
  property_id uuid references public.properties (id) on delete set null,
  owner_id uuid references public.profiles (id) on delete set null,
  value numeric(14, 2) check (value >= 0),
  probability numeric(5, 2) check (probability between 0 and 100),
  expected_close_date date,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index opportunities_org_stage_idx on public.opportunities (org_id, stage_id, position);
create index opportunities_stage_id_idx on public.opportunities (stage_id);
create index opportunities_lead_id_idx on public.opportunities (lead_id) where lead_id is not null;

create table public.activities (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  lead_id uuid references public.leads (id) on delete cascade,
  opportunity_id uuid references public.opportunities (id) on delete cascade,
  actor_id uuid references public.profiles (id) on delete set null,
  type text not null check (char_length(type) between 1 and 60),
  body text,
  data jsonb not null default '{}'::jsonb,
  occurred_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index activities_org_lead_idx on public.activities (org_id, lead_id, occurred_at desc);
create index activities_org_opportunity_idx on public.activities (org_id, opportunity_id, occurred_at desc);

create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  due_at timestamptz,
  assignee_id uuid references public.profiles (id) on delete set null,
  lead_id uuid references public.leads (id) on delete cascade,
  opportunity_id uuid references public.opportunities (id) on delete cascade,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index tasks_org_due_idx on public.tasks (org_id, status, due_at);
create index tasks_org_assignee_idx on public.tasks (org_id, assignee_id);
create index tasks_lead_id_idx on public.tasks (lead_id) where lead_id is not null;

create table public.webhook_sources (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 120),
  type text not null default 'generic' check (type in ('generic', 'zapier', 'facebook', 'custom')),
  mapping jsonb not null default '{}'::jsonb,
  enabled boolean not null default true,
  -- Read only by the service role (column grants in the policies migration keep it from the API roles).
  signing_secret text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index webhook_sources_org_idx on public.webhook_sources (org_id);

create table public.webhook_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  source_id uuid not null references public.webhook_sources (id) on delete cascade,
  idempotency_key text,
  status text not null check (status in ('accepted', 'duplicate', 'rejected', 'failed')),
  reason text,
  http_status integer not null,
  headers jsonb not null default '{}'::jsonb,
  body text,
  lead_id uuid references public.leads (id) on delete set null,
  received_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index webhook_events_org_received_idx on public.webhook_events (org_id, received_at desc);
create unique index webhook_events_idempotency_idx on public.webhook_events (source_id, idempotency_key)
  where idempotency_key is not null and status in ('accepted', 'duplicate');

create table public.job_outbox (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  queue text not null,
  name text not null,
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'pending' check (status in ('pending', 'relayed', 'done', 'failed')),
  attempts integer not null default 0,
  last_error text,
  request_id text,
  available_at timestamptz not null default now(),
  relayed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index job_outbox_pending_idx on public.job_outbox (available_at) where status = 'pending';
create index job_outbox_org_idx on public.job_outbox (org_id, created_at desc);

-- updated_at on every table that has it.
do $$
declare
  t text;
begin
  foreach t in array array['orgs', 'profiles', 'org_members', 'properties', 'leads', 'pipeline_stages', 'investors',
                           'opportunities', 'activities', 'tasks', 'webhook_sources', 'webhook_events', 'job_outbox']
  loop
    execute format('create trigger set_updated_at before update on public.%I for each row execute function private.set_updated_at()', t);
  end loop;
end
$$;

-- A profile for every auth user, as Supabase projects usually do with a trigger on auth.users.
create or replace function private.handle_new_user() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, email, full_name)
  values (new.id, coalesce(new.email, ''), nullif(new.raw_user_meta_data ->> 'full_name', ''))
  on conflict (id) do nothing;
  return new;
end
$$;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();
