-- Why: issue 5, items 8–11 — email (SendGrid) and SMS (Twilio) to leads: per-org templates, every message kept
-- with its delivery status, a suppression list (STOP replies, unsubscribe links, bounces), and an in-app outbox
-- for orgs without provider keys.

-- Templates: staff read them (to send); managers write them (they are the org's voice and carry its
-- compliance wording).
create table public.message_templates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 120),
  channel text not null check (channel in ('email', 'sms')),
  subject text check (subject is null or char_length(subject) <= 300),
  body text not null check (char_length(body) between 1 and 100000),
  text_body text check (text_body is null or char_length(text_body) <= 100000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (channel = 'sms' or subject is not null),
  unique (org_id, name)
);
create index message_templates_org_idx on public.message_templates (org_id, name);

alter table public.message_templates enable row level security;
create trigger set_updated_at before update on public.message_templates for each row execute function private.set_updated_at();
grant select, insert, update, delete on public.message_templates to authenticated;
create policy "Templates are visible to their org's staff" on public.message_templates
  for select to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Managers add templates" on public.message_templates
  for insert to authenticated with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));
create policy "Managers change templates" on public.message_templates
  for update to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])))
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));
create policy "Managers delete templates" on public.message_templates
  for delete to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

-- Messages: one row per message to one lead. Staff read their org's and queue new ones (status queued, or
-- blocked with the reason); everything after that — sending, delivery events — is the messaging job and the
-- provider webhooks (service role).
create table public.messages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  template_id uuid references public.message_templates (id) on delete set null,
  channel text not null check (channel in ('email', 'sms')),
  to_address text not null check (char_length(to_address) between 3 and 320),
  from_address text,
  subject text,
  body_html text,
  body_text text not null,
  -- sha-256 of channel, subject and text: "the same body" for the duplicate check.
  body_hash text not null,
  status text not null default 'queued' check (status in ('queued', 'outbox', 'sent', 'delivered', 'failed', 'bounced', 'opened', 'clicked', 'suppressed', 'blocked')),
  provider text check (provider in ('sendgrid', 'twilio', 'outbox')),
  provider_message_id text,
  idempotency_key text not null check (char_length(idempotency_key) between 1 and 200),
  error text,
  scheduled_for timestamptz,
  -- Set (committed) by the job just before it calls the provider: a retry that finds it set never calls again.
  send_started_at timestamptz,
  sent_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, idempotency_key)
);
create index messages_lead_idx on public.messages (org_id, lead_id, created_at desc);
create index messages_org_status_idx on public.messages (org_id, status, created_at desc);
create index messages_recent_to_idx on public.messages (org_id, channel, to_address, created_at desc);
create index messages_provider_id_idx on public.messages (provider, provider_message_id) where provider_message_id is not null;

alter table public.messages enable row level security;
create trigger set_updated_at before update on public.messages for each row execute function private.set_updated_at();
grant select, insert on public.messages to authenticated;
create policy "Messages are visible to their org's staff" on public.messages
  for select to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Staff queue messages as themselves" on public.messages
  for insert to authenticated
  with check (
    org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent']))
    and created_by = (select auth.uid())
    and status in ('queued', 'blocked')
    and provider is null and provider_message_id is null and sent_at is null and send_started_at is null
  );

-- Addresses that must not be messaged, per org and channel: STOP replies, unsubscribe links, bounces and spam
-- reports. Staff read it (every send checks it); only the webhooks and the unsubscribe link write it.
create table public.suppression_list (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  channel text not null check (channel in ('email', 'sms')),
  address text not null check (char_length(address) between 3 and 320),
  reason text not null check (reason in ('stop', 'unsubscribe', 'bounce', 'spam_report', 'manual')),
  source text not null check (char_length(source) between 1 and 60),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, channel, address)
);
alter table public.suppression_list enable row level security;
create trigger set_updated_at before update on public.suppression_list for each row execute function private.set_updated_at();
grant select on public.suppression_list to authenticated;
create policy "Suppressions are visible to their org's staff" on public.suppression_list
  for select to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
