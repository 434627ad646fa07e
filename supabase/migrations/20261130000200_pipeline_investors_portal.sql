-- Why: issue 4 — a deal board with history, investors with real preferences, sharing deals with them, and an
-- investor portal where RLS (not the code above it) guarantees an investor sees exactly the deals shared with
-- them: never another deal, never a lead, never another investor, never internal notes.

-- Opportunities: when the deal entered its stage, when it closed, why it was lost, the analyzer's inputs.
-- position becomes a fractional sort key: a move writes one row (the midpoint of its new neighbours) instead
-- of renumbering the column, which with 2,000 cards meant 2,000 updates and audit entries per drag.
alter table public.opportunities alter column position type double precision;
alter table public.opportunities
  add column stage_entered_at timestamptz not null default now(),
  add column closed_at timestamptz,
  add column lost_reason text check (lost_reason is null or char_length(lost_reason) between 1 and 500),
  add column analysis jsonb;

-- Every move of a deal between stages (who, when, from, to), written by a trigger so no path can skip it. --
create table public.opportunity_stage_moves (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  opportunity_id uuid not null references public.opportunities (id) on delete cascade,
  from_stage_id uuid references public.pipeline_stages (id) on delete set null,
  to_stage_id uuid references public.pipeline_stages (id) on delete set null,
  moved_by uuid references public.profiles (id) on delete set null,
  moved_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index opportunity_stage_moves_opp_idx on public.opportunity_stage_moves (org_id, opportunity_id, moved_at);

-- Before a stage change: stamp the time it entered the stage, and closed_at for won/lost stages; bump the
-- version on every change a client could have seen (not a mere re-ordering), so an older copy gets 409.
create or replace function private.opportunity_before_write() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_kind text;
begin
  if tg_op = 'UPDATE' and row(new.title, new.stage_id, new.value, new.probability, new.expected_close_date, new.owner_id,
                              new.lead_id, new.property_id, new.analysis, new.lost_reason)
                       is distinct from row(old.title, old.stage_id, old.value, old.probability, old.expected_close_date, old.owner_id,
                              old.lead_id, old.property_id, old.analysis, old.lost_reason) then
    new.version := old.version + 1;
  end if;
  if tg_op = 'INSERT' or new.stage_id is distinct from old.stage_id then
    select s.kind into v_kind from public.pipeline_stages s where s.id = new.stage_id;
    new.stage_entered_at := now();
    new.closed_at := case when v_kind in ('won', 'lost') then now() end;
    if v_kind is distinct from 'lost' then
      new.lost_reason := null;
    end if;
  end if;
  return new;
end
$$;
create trigger opportunity_before_write before insert or update on public.opportunities
  for each row execute function private.opportunity_before_write();

create or replace function private.record_stage_move() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or new.stage_id is distinct from old.stage_id then
    insert into public.opportunity_stage_moves (org_id, opportunity_id, from_stage_id, to_stage_id, moved_by)
    values (new.org_id, new.id, case when tg_op = 'UPDATE' then old.stage_id end, new.stage_id, (select auth.uid()));
  end if;
  return null;
end
$$;
create trigger record_stage_move after insert or update of stage_id on public.opportunities
  for each row execute function private.record_stage_move();

-- Investors: preferences as typed columns (matching reads them for thousands of investors at a time). ------
alter table public.investors
  add column property_types text[] not null default '{}',
  add column market_states text[] not null default '{}',
  add column market_cities text[] not null default '{}',
  add column market_zips text[] not null default '{}',
  add column target_return numeric(6, 4) check (target_return between 0 and 1),
  add column risk_tolerance smallint check (risk_tolerance between 1 and 10),
  add column hold_period_months integer check (hold_period_months between 1 and 600),
  add column leverage_preference text check (leverage_preference in ('none', 'low', 'moderate', 'high'));
create index investors_org_name_idx on public.investors (org_id, lower(first_name || ' ' || coalesce(last_name, '')), id);

-- A deal shared with an investor, and the investor's answer. ---------------------------------------------
create table public.opportunity_shares (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  opportunity_id uuid not null references public.opportunities (id) on delete cascade,
  investor_id uuid not null references public.investors (id) on delete cascade,
  shared_by uuid references public.profiles (id) on delete set null,
  shared_at timestamptz not null default now(),
  response text check (response in ('interested', 'passed')),
  comment text check (comment is null or char_length(comment) <= 2000),
  responded_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (opportunity_id, investor_id)
);
create index opportunity_shares_investor_idx on public.opportunity_shares (investor_id, shared_at desc);
create index opportunity_shares_org_opp_idx on public.opportunity_shares (org_id, opportunity_id);

-- Money an investor put into a deal (the portfolio summary). ---------------------------------------------
create table public.investments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  investor_id uuid not null references public.investors (id) on delete cascade,
  opportunity_id uuid references public.opportunities (id) on delete set null,
  amount numeric(14, 2) not null check (amount > 0),
  invested_at date not null default current_date,
  status text not null default 'active' check (status in ('active', 'exited')),
  realized_return numeric(14, 2),
  projected_return numeric(14, 2),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index investments_investor_idx on public.investments (org_id, investor_id, invested_at);

-- In-app notifications to one user (e.g. the deal's owner when an investor answers). ----------------------
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  type text not null check (char_length(type) between 1 and 60),
  title text not null check (char_length(title) between 1 and 200),
  body text,
  link text,
  read_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index notifications_org_user_idx on public.notifications (org_id, user_id, created_at desc);

do $$
declare
  t text;
begin
  foreach t in array array['opportunity_stage_moves', 'opportunity_shares', 'investments', 'notifications']
  loop
    execute format('alter table public.%I enable row level security', t);
    execute format('create trigger set_updated_at before update on public.%I for each row execute function private.set_updated_at()', t);
  end loop;
  foreach t in array array['opportunity_shares', 'investments']
  loop
    execute format('create constraint trigger audit_row_change after insert or update or delete on public.%I '
                   'deferrable initially deferred for each row execute function private.audit_row_change()', t);
  end loop;
end
$$;

-- What the signed-in investor may see: their investor records, the deals shared with them, those deals' properties.
create or replace function private.my_investor_ids() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query select i.id from public.investors i where i.user_id = (select auth.uid());
end
$$;

create or replace function private.opportunity_ids_shared_with_me() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select s.opportunity_id from public.opportunity_shares s
    join public.investors i on i.id = s.investor_id
    join public.org_members m on m.org_id = s.org_id and m.user_id = i.user_id and m.role = 'investor'
    where i.user_id = (select auth.uid());
end
$$;

create or replace function private.property_ids_shared_with_me() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select o.property_id from public.opportunities o
    where o.id in (select private.opportunity_ids_shared_with_me()) and o.property_id is not null;
end
$$;
revoke all on function private.my_investor_ids() from public;
revoke all on function private.opportunity_ids_shared_with_me() from public;
revoke all on function private.property_ids_shared_with_me() from public;
grant execute on function private.my_investor_ids() to authenticated, service_role;
grant execute on function private.opportunity_ids_shared_with_me() to authenticated, service_role;
grant execute on function private.property_ids_shared_with_me() to authenticated, service_role;

-- One SELECT policy per table (staff of the org, or the investor a deal is shared with), so dropping either
-- half is a visible gap (db/policyCoverage.ts).
drop policy "Opportunities are visible to their org's staff" on public.opportunities;
create policy "Deals: visible to org staff and investors they are shared with" on public.opportunities
  for select to authenticated
  using (
    org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent']))
    or id in (select private.opportunity_ids_shared_with_me())
  );

drop policy "Properties are visible to their org's staff" on public.properties;
create policy "Properties: visible to org staff and investors of shared deals" on public.properties
  for select to authenticated
  using (
    org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent']))
    or id in (select private.property_ids_shared_with_me())
  );

-- Stage names are org configuration, not deal data: every member may read them (the portal shows them).
drop policy "Pipeline stages are visible to their org's staff" on public.pipeline_stages;
create policy "Pipeline stages are visible to their org's members" on public.pipeline_stages
  for select to authenticated
  using (org_id in (select private.user_org_ids()));

-- Stage moves: staff read them; only the trigger writes them.
grant select on public.opportunity_stage_moves to authenticated;
create policy "Stage moves are visible to their org's staff" on public.opportunity_stage_moves
  for select to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));

-- Shares: staff share and unshare; an investor reads their own and answers them (response columns only).
grant select, insert, delete on public.opportunity_shares to authenticated;
grant update (response, comment, responded_at) on public.opportunity_shares to authenticated;
create policy "Shares are visible to their org's staff and to the investor" on public.opportunity_shares
  for select to authenticated
  using (
    org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent']))
    or investor_id in (select private.my_investor_ids())
  );
create policy "Staff can share their org's deals" on public.opportunity_shares
  for insert to authenticated
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Staff and the investor can answer a share" on public.opportunity_shares
  for update to authenticated
  using (
    org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent']))
    or investor_id in (select private.my_investor_ids())
  )
  with check (
    org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent']))
    or investor_id in (select private.my_investor_ids())
  );
create policy "Staff can unshare their org's deals" on public.opportunity_shares
  for delete to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));

-- Investments: staff keep them.
grant select, insert, update, delete on public.investments to authenticated;
create policy "Investments are visible to their org's staff" on public.investments
  for select to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Staff can add investments to their org" on public.investments
  for insert to authenticated with check (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Staff can update their org's investments" on public.investments
  for update to authenticated
  using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])))
  with check (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Staff can delete their org's investments" on public.investments
  for delete to authenticated using (org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));

-- Notifications: each user reads and marks read their own; triggers write them.
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
create policy "Users see their own notifications" on public.notifications
  for select to authenticated using (user_id = (select auth.uid()) and org_id in (select private.user_org_ids()));
create policy "Users mark their own notifications read" on public.notifications
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

-- An investor's answer lands on the deal's timeline and notifies its owner, whoever wrote it.
create or replace function private.share_answered() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_name text;
  v_opp record;
begin
  if new.response is null or (new.response is not distinct from old.response and new.comment is not distinct from old.comment) then
    return null;
  end if;
  select trim(i.first_name || ' ' || coalesce(i.last_name, '')) into v_name from public.investors i where i.id = new.investor_id;
  select o.id, o.title, o.owner_id into v_opp from public.opportunities o where o.id = new.opportunity_id;
  insert into public.activities (org_id, opportunity_id, actor_id, type, body, data)
  values (new.org_id, new.opportunity_id, (select auth.uid()), 'investor.' || new.response, new.comment,
          jsonb_build_object('investorId', new.investor_id, 'investorName', v_name, 'shareId', new.id));
  if v_opp.owner_id is not null then
    insert into public.notifications (org_id, user_id, type, title, body, link)
    values (new.org_id, v_opp.owner_id, 'investor.' || new.response,
            v_name || case when new.response = 'interested' then ' is interested in ' else ' passed on ' end || v_opp.title,
            new.comment, '/opportunities/' || new.opportunity_id);
  end if;
  return null;
end
$$;
create trigger share_answered after update of response, comment on public.opportunity_shares
  for each row execute function private.share_answered();
