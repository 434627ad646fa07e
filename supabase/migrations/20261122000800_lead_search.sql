-- Why: agents find leads by typing part of a name, email, phone or address, and narrow the list with filters
-- and sorts, at 100,000 leads per org. A generated full-text vector ('simple' dictionary: no stemming of
-- names) with a GIN index answers the search without extensions, identically on Supabase, PostgreSQL and
-- PGlite. score is written by the scoring models (a later migration adds their history).

alter table public.leads add column score numeric(5, 2) check (score between 0 and 100);

alter table public.leads add column search_vector tsvector generated always as (
  to_tsvector('simple'::regconfig,
    coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' ||
    coalesce(email, '') || ' ' || coalesce(replace(replace(email, '@', ' '), '.', ' '), '') || ' ' ||
    coalesce(right(phone, 10), '') || ' ' || coalesce(right(phone, 7), '') || ' ' ||
    coalesce(street, '') || ' ' || coalesce(city, '') || ' ' || coalesce(state, '') || ' ' || coalesce(zip, ''))
) stored;

create index leads_search_idx on public.leads using gin (search_vector);
create index leads_tags_idx on public.leads using gin (tags);
create index leads_org_updated_idx on public.leads (org_id, updated_at desc, id desc);
create index leads_org_score_idx on public.leads (org_id, score desc nulls last, id desc);
create index leads_org_name_idx on public.leads (org_id, lower(coalesce(last_name, '') || ' ' || coalesce(first_name, '')), id);
create index leads_org_status_idx on public.leads (org_id, status, created_at desc);
create index leads_org_zip_idx on public.leads (org_id, zip);
