-- Why: issue 7 — the investor–deal match model (ml/models/investorMatch.ts: the probability that an investor answers
-- "interested" or invests when a deal is shared with them) is trained per org from its own shares, answers and
-- investments, and blended into the rule-based matcher's score when the org has an active version. It is kept in the
-- same registry as the other models, one active version per org and kind, promoted by the same rule (beats the active
-- version on the new version's held-out window). Only the kinds widen: no new table, no new policy (staff already
-- read ml_models; only the service role writes it; private.activate_ml_model already works per org and kind).

alter table public.ml_models
  drop constraint ml_models_kind_check,
  add constraint ml_models_kind_check check (kind in ('lead_conversion', 'expected_return', 'time_to_close', 'investor_match'));
