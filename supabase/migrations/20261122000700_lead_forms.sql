-- Why: every org gets public capture forms (/f/:slug, embeddable with one script tag). A form post is
-- anonymous, so the form's slug fixes the org; the TCPA consent to texts and calls is stored with the exact
-- wording shown, the time and the IP, because a firm must be able to prove it.

create table public.lead_forms (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{2,62}$'),
  name text not null check (char_length(name) between 1 and 120),
  headline text,
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index lead_forms_org_idx on public.lead_forms (org_id);
create trigger set_updated_at before update on public.lead_forms for each row execute function private.set_updated_at();
create trigger audit_row_change after insert or update or delete on public.lead_forms for each row execute function private.audit_row_change();

alter table public.lead_forms enable row level security;
revoke all on public.lead_forms from anon, authenticated;
grant all on public.lead_forms to service_role;
grant select, insert, update, delete on public.lead_forms to authenticated;

create policy "Lead forms are visible to their org's staff" on public.lead_forms
  for select to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Owners and admins can add lead forms" on public.lead_forms
  for insert to authenticated
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));
create policy "Owners and admins can change lead forms" on public.lead_forms
  for update to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])))
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));
create policy "Owners and admins can delete lead forms" on public.lead_forms
  for delete to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

-- Consent to be texted and called (TCPA): what was agreed to, when, from where.
alter table public.leads
  add column consent_text text,
  add column consent_at timestamptz,
  add column consent_ip text;
