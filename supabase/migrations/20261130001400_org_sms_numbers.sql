-- Why: one Twilio number (TWILIO_FROM) served the whole deployment, and an inbound text was routed to
-- TWILIO_ORG_ID or to whichever org last texted the sender — a guess that puts a reply in the wrong org as soon
-- as two orgs text the same person. In a multi-tenant CRM each org texts from its own number(s): an org's texts go
-- out from its default number, and a text to a number lands in the org that owns it. A number belongs to one org
-- across the whole deployment (unique phone), and an org has at most one default. TWILIO_FROM and TWILIO_ORG_ID
-- remain the fallbacks for orgs without a number (single-tenant deployments keep working unchanged).
--
-- Members read their org's numbers (a number is public: every lead texted from it sees it); owners and admins
-- add, remove and move the default. Inbound routing reads the table as the service role (Twilio's signature is
-- the credential there).

create table public.org_sms_numbers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  phone text not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- A number is one org's, across all orgs: where Twilio delivers a text to it, there is exactly one owner.
create unique index org_sms_numbers_phone_key on public.org_sms_numbers (phone);
-- At most one default number per org.
create unique index org_sms_numbers_one_default_idx on public.org_sms_numbers (org_id) where is_default;
-- Lists (and the send path's default lookup) are per org.
create index org_sms_numbers_org_idx on public.org_sms_numbers (org_id, created_at, id);

create trigger set_updated_at before update on public.org_sms_numbers for each row execute function private.set_updated_at();
create constraint trigger audit_row_change after insert or update or delete on public.org_sms_numbers
  deferrable initially deferred for each row execute function private.audit_row_change();

alter table public.org_sms_numbers enable row level security;
revoke all on public.org_sms_numbers from anon, authenticated;
grant all on public.org_sms_numbers to service_role;
grant select, insert, update (is_default), delete on public.org_sms_numbers to authenticated;

create policy "Texting numbers are visible to their org's members" on public.org_sms_numbers
  for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy "Owners and admins can add texting numbers" on public.org_sms_numbers
  for insert to authenticated
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));
create policy "Owners and admins can change texting numbers" on public.org_sms_numbers
  for update to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])))
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));
create policy "Owners and admins can delete texting numbers" on public.org_sms_numbers
  for delete to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));
