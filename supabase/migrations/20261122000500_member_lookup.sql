-- Why: owners and admins add teammates by email, but the API roles can't read auth.users (nor profiles of
-- people outside their orgs). This helper answers only "which user has this email" and only to a caller who
-- owns or administers at least one org.
create or replace function private.user_id_by_email(p_email text) returns uuid
language sql stable security definer
set search_path = ''
as $$
  select u.id
  from auth.users u
  where lower(u.email) = lower(p_email)
    and exists (
      select 1 from public.org_members m
      where m.user_id = (select auth.uid()) and m.role in ('owner', 'admin')
    )
  limit 1
$$;
revoke all on function private.user_id_by_email(text) from public;
grant execute on function private.user_id_by_email(text) to authenticated, service_role;
