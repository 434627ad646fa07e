-- Why: every policy asks "which orgs is the caller a member of, and in which role?". These helpers answer
-- it once per statement. They live in schema private, which the Data API does not expose, run as security
-- definer (so reading org_members from inside a policy doesn't recurse into org_members' own policies)
-- and pin search_path to '' so every name is fully qualified.

create schema if not exists private;
grant usage on schema private to authenticated, service_role;

-- Keeps updated_at true on every business table.
create or replace function private.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;
