-- Why: deleting leads in bulk must be undoable. A deleted lead is kept (deleted_at) and hidden from every
-- query, restorable for 30 days, then purged by the nightly maintenance job. The dedup guarantee covers only
-- live leads, so a person can come back as a new lead after theirs was deleted.

alter table public.leads
  add column deleted_at timestamptz,
  add column deleted_by uuid references public.profiles (id) on delete set null;

drop index public.leads_org_email_key;
drop index public.leads_org_phone_key;
drop index public.leads_org_address_key;
create unique index leads_org_email_key on public.leads (org_id, email) where email is not null and deleted_at is null;
create unique index leads_org_phone_key on public.leads (org_id, phone) where phone is not null and deleted_at is null;
create unique index leads_org_address_key on public.leads (org_id, address_key) where address_key is not null and deleted_at is null;
create index leads_org_deleted_idx on public.leads (org_id, deleted_at) where deleted_at is not null;
