-- Why: every job writes its job_outbox row three times (queued, taken by the relay, done), and every write of a
-- status is a new row version with an entry in every index. job_outbox_org_idx (org_id, created_at desc) served no
-- query — the jobs screen, the nightly queueing and the org's cascade delete all go through
-- job_outbox_org_queue_status_idx (org_id, queue, status), which also leads with org_id — so it only cost an index
-- insert per write (measured by `npm run bench -- jobs` and `-- ingest`, where each new lead queues its enrichment).
drop index if exists public.job_outbox_org_idx;
