-- Why: the suppression list (do-not-contact) was written only by provider webhooks (STOP, unsubscribe, bounce,
-- spam report). Staff also hear "don't contact me again" on the phone, and a firm must be able to honour it at once:
-- staff may now add an address by hand (reason 'manual'), and owners and admins may remove an entry added by hand.
-- An opt-out the person made themselves (STOP, unsubscribe) or a provider's bounce/spam report is never removed by
-- staff: only the person lifts it (START, resubscribing). Every change is audited.

grant insert, delete on public.suppression_list to authenticated;

create policy "Staff add manual suppressions" on public.suppression_list
  for insert to authenticated
  with check (reason = 'manual' and org_id in (select private.org_ids_with_role(array['owner', 'admin', 'agent'])));
create policy "Managers remove manual suppressions" on public.suppression_list
  for delete to authenticated
  using (reason = 'manual' and org_id in (select private.org_ids_with_role(array['owner', 'admin'])));

create constraint trigger audit_row_change after insert or update or delete on public.suppression_list
  deferrable initially deferred for each row execute function private.audit_row_change();

-- The list screen pages newest first per org.
create index suppression_list_org_created_idx on public.suppression_list (org_id, created_at desc, id desc);
