-- Why: issue 5 — jobs have priorities (a lead someone is looking at is enriched before a bulk batch of 10,000):
-- lower runs first, as in BullMQ (1 = most urgent). The in-process runner and the relay take due rows by priority.
alter table public.job_outbox add column priority smallint not null default 5 check (priority between 1 and 100);
drop index if exists public.job_outbox_pending_idx;
create index job_outbox_pending_idx on public.job_outbox (priority, available_at) where status = 'pending';
