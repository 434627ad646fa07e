-- Why: issue 7 point 11 — the expected return and close-date figures on the opportunity. The deal models
-- (ml/models/expectedReturn.ts, ml/models/timeToClose.ts) are trained per org into the same registry as the
-- lead-conversion model, one active version per org and kind, promoted by the same rule (beats the active version
-- on the new version's held-out window). Only the kinds widen: no new table, no new policy (staff already read
-- ml_models; only the service role writes it; private.activate_ml_model already works per org and kind).

alter table public.ml_models
  drop constraint ml_models_kind_check,
  add constraint ml_models_kind_check check (kind in ('lead_conversion', 'expected_return', 'time_to_close'));
