-- Why: a lead arriving by webhook cost eleven statements, each a round trip between the function and the
-- database (dedup locks, the match query, the assignment rule, the insert, the timeline entry, the delivery
-- record, begin and commit), and the benchmark showed the time going to those round trips rather than to
-- the work. The dedup-and-upsert now runs as one plpgsql call, used by every way a lead comes in (API, form,
-- CSV, webhook), and a webhook delivery's idempotency check, upsert and record are one more.
-- Both run with the caller's rights (security invoker): called as the user, RLS applies exactly as before.

-- The agent a new lead goes to: the first enabled rule of the org (by position) whose sources and ZIP codes
-- match (an empty list matches all) hands out its agents round robin; the cursor moves in the same UPDATE
-- that picks the agent, so concurrent leads never get the same turn. Agents no longer on the staff are
-- skipped. Null when no rule matches.
create or replace function private.assign_by_rules(p_org uuid, p_source text, p_zip text) returns uuid
language plpgsql volatile
set search_path = ''
as $$
declare
  v_agent uuid;
  v_size integer;
  v_attempt integer := 0;
begin
  loop
    update public.assignment_rules r
    set next_index = (r.next_index + 1) % cardinality(r.agent_ids)
    where r.id = (
      select ar.id from public.assignment_rules ar
      where ar.org_id = p_org and ar.enabled
        and (cardinality(ar.sources) = 0 or coalesce(p_source, '') = any (ar.sources))
        and (cardinality(ar.zips) = 0 or coalesce(p_zip, '') = any (ar.zips))
      order by ar.position, ar.created_at
      limit 1
      for update
    )
    -- RETURNING sees the advanced cursor; the turn taken is the one before it (arrays are 1-based).
    returning r.agent_ids[((r.next_index - 1 + cardinality(r.agent_ids)) % cardinality(r.agent_ids)) + 1], cardinality(r.agent_ids)
    into v_agent, v_size;
    if not found then
      return null;
    end if;
    if exists (
      select 1 from public.org_members m
      where m.org_id = p_org and m.user_id = v_agent and m.role in ('owner', 'admin', 'agent')
    ) then
      return v_agent;
    end if;
    v_attempt := v_attempt + 1;
    if v_attempt >= v_size or v_attempt >= 100 then
      return null; -- every agent of the rule has left
    end if;
  end loop;
end
$$;
revoke all on function private.assign_by_rules(uuid, text, text) from public;
grant execute on function private.assign_by_rules(uuid, text, text) to authenticated, service_role;

-- Creates the lead (and queues its enrichment), or — when the org already has a lead with the same email,
-- phone or property address — fills what the oldest match lacks (never taking a value another match holds) and
-- records the touch on its timeline. p_lead: the lead's columns, snake_case, absent or null = not given. p_touch: {channel, actor_id,
-- details, attribution}. Concurrent deliveries of one person serialise on transaction-scoped advisory locks
-- per key (taken in sorted order), and the unique indexes on leads make a duplicate impossible regardless.
create or replace function private.upsert_lead(p_org uuid, p_lead jsonb, p_touch jsonb)
returns table (lead_id uuid, duplicate boolean)
language plpgsql volatile
set search_path = ''
as $$
declare
  v_first text := p_lead->>'first_name';
  v_last text := p_lead->>'last_name';
  v_email text := nullif(p_lead->>'email', '');
  v_phone text := nullif(p_lead->>'phone', '');
  v_source text := p_lead->>'source';
  v_assignee uuid := (p_lead->>'assignee_id')::uuid;
  v_notes text := p_lead->>'notes';
  v_street text := p_lead->>'street';
  v_city text := p_lead->>'city';
  v_state text := p_lead->>'state';
  v_zip text := p_lead->>'zip';
  v_tags text[] := coalesce(array(select jsonb_array_elements_text(coalesce(p_lead->'tags', '[]'::jsonb))), '{}');
  v_actor uuid := (p_touch->>'actor_id')::uuid;
  v_address_key text := case when nullif(p_lead->>'street', '') is not null and nullif(p_lead->>'zip', '') is not null
                          then lower(p_lead->>'street') || '|' || (p_lead->>'zip') end;
  v_keys text[];
  v_matches public.leads[];
  v_target public.leads;
  v_others public.leads[];
  v_filled text[] := '{}';
  v_new_tags text[];
  v_address_taken boolean;
  v_id uuid;
  v_data jsonb;
begin
  v_keys := array(
    select k from unnest(array[
      case when v_email is not null then 'e:' || v_email end,
      case when v_phone is not null then 'p:' || v_phone end,
      case when v_address_key is not null then 'a:' || v_address_key end
    ]) k where k is not null order by k
  );
  if cardinality(v_keys) > 0 then
    perform pg_advisory_xact_lock(hashtextextended(p_org::text || k, 0)) from unnest(v_keys) k order by k;
    v_matches := array(
      select l from public.leads l
      where l.org_id = p_org and l.deleted_at is null
        and (l.email = v_email or l.phone = v_phone or l.address_key = v_address_key)
      order by l.created_at
    );
  else
    v_matches := '{}';
  end if;

  v_data := jsonb_build_object('channel', p_touch->>'channel')
    || coalesce(p_touch->'details', '{}'::jsonb)
    || case when jsonb_typeof(p_touch->'attribution') = 'object' then jsonb_build_object('attribution', p_touch->'attribution') else '{}'::jsonb end;

  if cardinality(v_matches) = 0 then
    if v_assignee is null then
      v_assignee := private.assign_by_rules(p_org, v_source, v_zip);
    end if;
    insert into public.leads (org_id, first_name, last_name, email, phone, source, status, tags, assignee_id, notes,
                              street, city, state, zip, created_by, attribution)
    values (p_org, v_first, v_last, v_email, v_phone, v_source, coalesce(p_lead->>'status', 'new'), v_tags, v_assignee, v_notes,
            v_street, v_city, v_state, v_zip, v_actor,
            case when jsonb_typeof(p_touch->'attribution') = 'object' then p_touch->'attribution' else '{}'::jsonb end)
    returning id into v_id;
    insert into public.activities (org_id, lead_id, actor_id, type, body, data)
    values (p_org, v_id, v_actor, 'lead.created', null, v_data);
    -- Every new lead is enriched in the background (the outbox row commits with the lead or not at all).
    insert into public.job_outbox (org_id, queue, name, payload)
    values (p_org, 'enrichment', 'enrich-lead', jsonb_build_object('leadId', v_id));
    return query select v_id, false;
    return;
  end if;

  v_target := v_matches[1];
  v_others := v_matches[2:];
  v_address_taken := v_address_key is not null and exists (select 1 from unnest(v_others) o where o.address_key = v_address_key);

  -- Fill only what the surviving lead lacks; an email or phone another match holds stays with that match.
  if v_first is null or v_target.first_name is not null then v_first := null; else v_filled := array_append(v_filled, 'firstName'); end if;
  if v_last is null or v_target.last_name is not null then v_last := null; else v_filled := array_append(v_filled, 'lastName'); end if;
  if v_email is null or v_target.email is not null or exists (select 1 from unnest(v_others) o where o.email = v_email) then v_email := null; else v_filled := array_append(v_filled, 'email'); end if;
  if v_phone is null or v_target.phone is not null or exists (select 1 from unnest(v_others) o where o.phone = v_phone) then v_phone := null; else v_filled := array_append(v_filled, 'phone'); end if;
  if v_source is null or v_target.source is not null then v_source := null; else v_filled := array_append(v_filled, 'source'); end if;
  if v_assignee is null or v_target.assignee_id is not null then v_assignee := null; else v_filled := array_append(v_filled, 'assigneeId'); end if;
  if v_notes is null or v_target.notes is not null then v_notes := null; else v_filled := array_append(v_filled, 'notes'); end if;
  if v_street is null or v_target.street is not null or v_address_taken then v_street := null; else v_filled := array_append(v_filled, 'street'); end if;
  if v_city is null or v_target.city is not null then v_city := null; else v_filled := array_append(v_filled, 'city'); end if;
  if v_state is null or v_target.state is not null then v_state := null; else v_filled := array_append(v_filled, 'state'); end if;
  if v_zip is null or v_target.zip is not null or v_address_taken then v_zip := null; else v_filled := array_append(v_filled, 'zip'); end if;
  v_new_tags := array(select t from unnest(v_tags) with ordinality u(t, i) where not (t = any (v_target.tags)) order by i);

  if cardinality(v_filled) > 0 or cardinality(v_new_tags) > 0 then
    update public.leads l set
      first_name = coalesce(l.first_name, v_first),
      last_name = coalesce(l.last_name, v_last),
      email = coalesce(l.email, v_email),
      phone = coalesce(l.phone, v_phone),
      source = coalesce(l.source, v_source),
      assignee_id = coalesce(l.assignee_id, v_assignee),
      notes = coalesce(l.notes, v_notes),
      street = coalesce(l.street, v_street),
      city = coalesce(l.city, v_city),
      state = coalesce(l.state, v_state),
      zip = coalesce(l.zip, v_zip),
      tags = case when cardinality(v_new_tags) > 0 then l.tags || v_new_tags else l.tags end
    where l.id = v_target.id and l.org_id = p_org;
    if cardinality(v_new_tags) > 0 then
      v_filled := array_append(v_filled, 'tags');
    end if;
  end if;

  v_data := v_data || jsonb_build_object(
    'filled', to_jsonb(v_filled),
    'alsoMatched', coalesce((select jsonb_agg(o.id order by o.created_at) from unnest(v_others) o), '[]'::jsonb)
  ) || case when p_lead->>'notes' is not null then jsonb_build_object('notes', p_lead->>'notes') else '{}'::jsonb end;
  insert into public.activities (org_id, lead_id, actor_id, type, body, data)
  values (p_org, v_target.id, v_actor, 'lead.touched', null, v_data);
  return query select v_target.id, true;
end
$$;
revoke all on function private.upsert_lead(uuid, jsonb, jsonb) from public;
grant execute on function private.upsert_lead(uuid, jsonb, jsonb) to authenticated, service_role;

-- A signature-checked webhook delivery, in one call: the first accepted delivery with the same idempotency key
-- answers a repeat (recorded as 'duplicate'); otherwise the lead is upserted and the delivery recorded as
-- accepted with its answer. Returns {response, httpStatus, repeatOf}. Two deliveries racing on one key: the
-- loser fails on webhook_events_idempotency_key (23505) and the caller answers as the winner did.
-- p_source_version is the source's updated_at (as text) when the caller read it — perhaps from a cache: if the
-- source changed since (disabled, re-mapped, secret rotated) nothing is written and SQLSTATE HKS01 tells the
-- caller to read it again and decide anew.
-- The source's per-minute rate limit is counted here too, on one of 16 counter rows per source and minute (a
-- random one; the limit compares their sum), so concurrent deliveries of one source rarely wait on the same
-- row while this transaction holds it. Over the limit → {rateLimited: true} and nothing else is written.
create or replace function private.accept_webhook_delivery(
  p_source_id uuid, p_source_version text, p_org uuid, p_idempotency_key text, p_lead jsonb, p_touch jsonb, p_event jsonb,
  p_rate_limit integer
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  v_first record;
  v_lead_id uuid;
  v_duplicate boolean;
  v_answer jsonb;
  v_window timestamptz := to_timestamp(floor(extract(epoch from now()) / 60) * 60);
  v_key text := 'webhook:' || p_source_id;
  v_hits bigint;
begin
  perform 1 from public.webhook_sources s where s.id = p_source_id and s.enabled and s.updated_at::text = p_source_version;
  if not found then
    raise exception 'lead source % changed since it was read', p_source_id using errcode = 'HKS01';
  end if;
  insert into private.rate_limit_windows as w (key, window_start, hits)
  values (v_key || '#' || floor(random() * 16)::int, v_window, 1)
  on conflict (key, window_start) do update set hits = w.hits + 1;
  select sum(w.hits) into v_hits from private.rate_limit_windows w
  where w.key = any (array(select v_key || '#' || g from generate_series(0, 15) g)) and w.window_start = v_window;
  if v_hits > p_rate_limit then
    return jsonb_build_object('rateLimited', true, 'hits', v_hits);
  end if;
  if p_idempotency_key is not null then
    select e.id, e.response, e.http_status, e.lead_id into v_first
    from public.webhook_events e
    where e.source_id = p_source_id and e.idempotency_key = p_idempotency_key and e.status = 'accepted';
    if found then
      insert into public.webhook_events (org_id, source_id, status, http_status, reason, idempotency_key, headers, body, lead_id, response)
      values (p_org, p_source_id, 'duplicate', v_first.http_status, 'repeat of delivery ' || v_first.id, p_idempotency_key,
              coalesce(p_event->'headers', '{}'::jsonb), p_event->>'body', v_first.lead_id, v_first.response);
      return jsonb_build_object('response', v_first.response, 'httpStatus', v_first.http_status, 'repeatOf', v_first.id);
    end if;
  end if;
  select u.lead_id, u.duplicate into v_lead_id, v_duplicate from private.upsert_lead(p_org, p_lead, p_touch) u;
  v_answer := jsonb_build_object('leadId', v_lead_id, 'duplicate', v_duplicate);
  insert into public.webhook_events (org_id, source_id, status, http_status, reason, idempotency_key, headers, body, lead_id, response)
  values (p_org, p_source_id, 'accepted', 202, p_event->>'reason', p_idempotency_key,
          coalesce(p_event->'headers', '{}'::jsonb), p_event->>'body', v_lead_id, v_answer);
  return jsonb_build_object('response', v_answer, 'httpStatus', 202, 'repeatOf', null);
end
$$;
revoke all on function private.accept_webhook_delivery(uuid, text, uuid, text, jsonb, jsonb, jsonb, integer) from public;
grant execute on function private.accept_webhook_delivery(uuid, text, uuid, text, jsonb, jsonb, jsonb, integer) to service_role;

-- The rate-limit counters are one row per source (or form and IP) per minute, updated by every delivery: as a
-- logged table each update waited for its WAL flush while holding the row, capping one source near 1,000
-- deliveries a second on this machine. Unlogged, a crash forgets the current minute's counts (harmless) and the
-- row is held for microseconds (17,000 updates a second measured).
alter table private.rate_limit_windows set unlogged;
