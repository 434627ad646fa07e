-- Why: tenancy is enforced by Postgres, not only by the code above it. Every table in public has RLS on,
-- one policy per operation, always `to authenticated`, written against helpers that are evaluated once per
-- statement. Grants are explicit (revoke all, then grant) so the result is the same on Supabase — whose
-- default privileges grant everything to anon and authenticated — on PostgreSQL and on PGlite.
-- docs/RLS.md explains each rule.

-- Orgs the caller belongs to, in any role.
create or replace function private.user_org_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select org_id from public.org_members where user_id = (select auth.uid())
$$;

-- Orgs in which the caller holds one of the given roles.
create or replace function private.org_ids_with_role(roles text[]) returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select org_id from public.org_members where user_id = (select auth.uid()) and role = any (roles)
$$;

-- Users who share at least one org with the caller (to show teammates' names).
create or replace function private.co_member_user_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select distinct m.user_id
  from public.org_members m
  where m.org_id in (select org_id from public.org_members where user_id = (select auth.uid()))
$$;

revoke all on function private.user_org_ids(), private.org_ids_with_role(text[]), private.co_member_user_ids() from public;
grant execute on function private.user_org_ids(), private.org_ids_with_role(text[]), private.co_member_user_ids() to authenticated, service_role;

-- RLS on, everything revoked from the API roles, full rights for service_role (jobs, migrations, seeding).
do $$
declare
  t text;
begin
  foreach t in array array['orgs', 'profiles', 'org_members', 'properties', 'leads', 'pipeline_stages', 'investors',
                           'opportunities', 'activities', 'tasks', 'webhook_sources', 'webhook_events', 'job_outbox']
  loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on public.%I from anon, authenticated', t);
    execute format('grant all on public.%I to service_role', t);
  end loop;
end
$$;

-- orgs -------------------------------------------------------------------------------------------------
grant select, update (name, time_zone) on public.orgs to authenticated;

create policy "Orgs are visible to their members" on public.orgs
  for select to authenticated
  using (id in (select private.user_org_ids()));

create policy "Owners and admins can update their org" on public.orgs
  for update to authenticated
  using (id in (select private.org_ids_with_role(array['owner', 'admin'])))
  with check (id in (select private.org_ids_with_role(array['owner', 'admin'])));

-- profiles ---------------------------------------------------------------------------------------------
grant select, update (full_name) on public.profiles to authenticated;

create policy "Profiles are visible to the user and their teammates" on public.profiles
  for select to authenticated
  using (id = (select auth.uid()) or id in (select private.co_member_user_ids()));

create policy "Users can update their own profile" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- org_members ------------------------------------------------------------------------------------------
grant select, insert, update (role), delete on public.org_members to authenticated;

create policy "Members see their own memberships and staff see their org's members" on public.org_members
  for select to authenticated
  using (
    user_id = (select auth.uid())
    or org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent']))
  );

create policy "Owners and admins can add members" on public.org_members
  for insert to authenticated
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

create policy "Owners and admins can change members' roles" on public.org_members
  for update to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])))
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

create policy "Owners and admins can remove members" on public.org_members
  for delete to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

-- Staff tables: owners, admins and agents work them; investors never see them. -------------------------
do $$
declare
  t text;
  staff text := $q$(select private.org_ids_with_role(array['owner', 'admin', 'agent']))$q$;
begin
  foreach t in array array['leads', 'properties', 'opportunities', 'activities', 'tasks']
  loop
    execute format('grant select, insert, update, delete on public.%I to authenticated', t);
    execute format('create policy %I on public.%I for select to authenticated using (org_id in %s)',
                   initcap(replace(t, '_', ' ')) || ' are visible to their org''s staff', t, staff);
    execute format('create policy %I on public.%I for insert to authenticated with check (org_id in %s)',
                   'Staff can add ' || replace(t, '_', ' ') || ' to their org', t, staff);
    execute format('create policy %I on public.%I for update to authenticated using (org_id in %s) with check (org_id in %s)',
                   'Staff can update their org''s ' || replace(t, '_', ' '), t, staff, staff);
    execute format('create policy %I on public.%I for delete to authenticated using (org_id in %s)',
                   'Staff can delete their org''s ' || replace(t, '_', ' '), t, staff);
  end loop;
end
$$;

-- investors: staff manage them; an investor user sees their own record. -----------------------------------
grant select, insert, update, delete on public.investors to authenticated;

create policy "Investors are visible to their org's staff and to themselves" on public.investors
  for select to authenticated
  using (
    org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent']))
    or user_id = (select auth.uid())
  );

create policy "Staff can add investors to their org" on public.investors
  for insert to authenticated
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));

create policy "Staff can update their org's investors" on public.investors
  for update to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])))
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));

create policy "Staff can delete their org's investors" on public.investors
  for delete to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));

-- pipeline_stages: staff read them; owners and admins shape the pipeline. -------------------------------
grant select, insert, update, delete on public.pipeline_stages to authenticated;

create policy "Pipeline stages are visible to their org's staff" on public.pipeline_stages
  for select to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));

create policy "Owners and admins can add pipeline stages" on public.pipeline_stages
  for insert to authenticated
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

create policy "Owners and admins can change pipeline stages" on public.pipeline_stages
  for update to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])))
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

create policy "Owners and admins can delete pipeline stages" on public.pipeline_stages
  for delete to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

-- webhook_sources: owners and admins; the signing secret is never readable by the API roles. -----------
grant select (id, org_id, name, type, mapping, enabled, created_at, updated_at) on public.webhook_sources to authenticated;
grant insert (org_id, name, type, mapping, enabled, signing_secret) on public.webhook_sources to authenticated;
grant update (name, type, mapping, enabled, signing_secret) on public.webhook_sources to authenticated;
grant delete on public.webhook_sources to authenticated;

create policy "Lead sources are visible to their org's owners and admins" on public.webhook_sources
  for select to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

create policy "Owners and admins can add lead sources" on public.webhook_sources
  for insert to authenticated
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

create policy "Owners and admins can change lead sources" on public.webhook_sources
  for update to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])))
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

create policy "Owners and admins can delete lead sources" on public.webhook_sources
  for delete to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

-- webhook_events: written by the service role only; owners and admins read them. ---------------------
grant select on public.webhook_events to authenticated;

create policy "Webhook deliveries are visible to their org's owners and admins" on public.webhook_events
  for select to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

-- job_outbox: a staff request writes its jobs in its own transaction; only the service role reads them. --
grant insert on public.job_outbox to authenticated;

create policy "Staff can queue jobs for their org" on public.job_outbox
  for insert to authenticated
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
