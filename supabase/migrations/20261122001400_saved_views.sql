-- Why: agents return to the same slices of the lead list ("hot probate leads in 78704"). A saved view keeps
-- the list's filters and sort under a name, for its owner or shared with the org's staff.

create table public.saved_views (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  owner_id uuid not null references public.profiles (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 80),
  query jsonb not null default '{}'::jsonb,
  shared boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index saved_views_org_idx on public.saved_views (org_id, owner_id);
create trigger set_updated_at before update on public.saved_views for each row execute function private.set_updated_at();

alter table public.saved_views enable row level security;
revoke all on public.saved_views from anon, authenticated;
grant all on public.saved_views to service_role;
grant select, insert, update, delete on public.saved_views to authenticated;

create policy "Views are visible to their owner; shared ones to org staff" on public.saved_views
  for select to authenticated
  using (
    org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent']))
    and (owner_id = (select auth.uid()) or shared)
  );
create policy "Staff save their own views" on public.saved_views
  for insert to authenticated
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])) and owner_id = (select auth.uid()));
create policy "Views are changed by their owner (shared: also org managers)" on public.saved_views
  for update to authenticated
  using (
    org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent']))
    and (owner_id = (select auth.uid()) or (shared and org_id in (select private.org_ids_with_role(array['owner', 'admin']))))
  )
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Views are deleted by their owner (shared: also org managers)" on public.saved_views
  for delete to authenticated
  using (
    org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent']))
    and (owner_id = (select auth.uid()) or (shared and org_id in (select private.org_ids_with_role(array['owner', 'admin']))))
  );
