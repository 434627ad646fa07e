-- Why: measured by `npm run bench -- rls`. A security-definer SQL function with SET search_path can't be
-- inlined, so PostgreSQL parsed and planned its body again in every statement: RLS cost 0.06–0.08 ms on a
-- 0.04 ms list query (ratio 1.23–1.47). As plpgsql the body's plan is cached for the session and the cost
-- drops to ~0.02 ms (ratio 1.08–1.12). Same results, same grants (create or replace keeps them).

create or replace function private.user_org_ids() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query select m.org_id from public.org_members m where m.user_id = (select auth.uid());
end
$$;

create or replace function private.org_ids_with_role(roles text[]) returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query select m.org_id from public.org_members m where m.user_id = (select auth.uid()) and m.role = any (roles);
end
$$;

create or replace function private.co_member_user_ids() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct m.user_id from public.org_members m
    where m.org_id in (select o.org_id from public.org_members o where o.user_id = (select auth.uid()));
end
$$;
