-- Why: speed to lead. A new lead is assigned at once by the org's rules — round robin among chosen agents,
-- optionally only for some sources or ZIP codes — and an org can let agents see only the leads assigned
-- to them, which RLS enforces (not only the list query).

alter table public.orgs add column agents_see_assigned_only boolean not null default false;
grant update (agents_see_assigned_only) on public.orgs to authenticated;

create table public.assignment_rules (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 120),
  position integer not null default 0,
  enabled boolean not null default true,
  agent_ids uuid[] not null check (cardinality(agent_ids) between 1 and 100),
  sources text[] not null default '{}',
  zips text[] not null default '{}',
  -- Round-robin cursor: the index of the next agent to receive a lead.
  next_index integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index assignment_rules_org_idx on public.assignment_rules (org_id, position);
create trigger set_updated_at before update on public.assignment_rules for each row execute function private.set_updated_at();
create trigger audit_row_change after insert or update or delete on public.assignment_rules for each row execute function private.audit_row_change();

alter table public.assignment_rules enable row level security;
revoke all on public.assignment_rules from anon, authenticated;
grant all on public.assignment_rules to service_role;
grant select, insert, update, delete on public.assignment_rules to authenticated;

create policy "Assignment rules are visible to their org's staff" on public.assignment_rules
  for select to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Owners and admins can add assignment rules" on public.assignment_rules
  for insert to authenticated
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));
-- Agents update a rule only by receiving a lead through it (the round-robin cursor moves).
create policy "Staff can advance their org's assignment rules" on public.assignment_rules
  for update to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])))
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Owners and admins can delete assignment rules" on public.assignment_rules
  for delete to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

-- Orgs where the caller works every lead: as owner or admin, or as an agent of an org without the restriction.
create or replace function private.org_ids_seeing_all_leads() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select m.org_id from public.org_members m join public.orgs o on o.id = m.org_id
    where m.user_id = (select auth.uid())
      and (m.role in ('owner', 'admin') or (m.role = 'agent' and not o.agents_see_assigned_only));
end
$$;
revoke all on function private.org_ids_seeing_all_leads() from public;
grant execute on function private.org_ids_seeing_all_leads() to authenticated, service_role;

-- Leads: the staff policies, narrowed for agents of orgs that restrict them to their own leads.
drop policy "Leads are visible to their org's staff" on public.leads;
drop policy "Staff can update their org's leads" on public.leads;
drop policy "Staff can delete their org's leads" on public.leads;

create policy "Leads are visible to their org's staff (restricted agents: their own)" on public.leads
  for select to authenticated
  using (
    org_id in (select private.org_ids_seeing_all_leads())
    or (assignee_id = (select auth.uid()) and org_id in (select private.org_ids_with_role(array['agent'])))
  );
create policy "Staff can update their org's leads (restricted agents: their own)" on public.leads
  for update to authenticated
  using (
    org_id in (select private.org_ids_seeing_all_leads())
    or (assignee_id = (select auth.uid()) and org_id in (select private.org_ids_with_role(array['agent'])))
  )
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Staff can delete their org's leads (restricted agents: their own)" on public.leads
  for delete to authenticated
  using (
    org_id in (select private.org_ids_seeing_all_leads())
    or (assignee_id = (select auth.uid()) and org_id in (select private.org_ids_with_role(array['agent'])))
  );
