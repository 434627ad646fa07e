-- Why: the expected-return model learns from what deals really returned, and the CRM never recorded it — so no
-- org could train it on its own data. A won deal's exit is now recorded on the opportunity: when it exited (sold,
-- refinanced or otherwise cashed out), the total cost (purchase, repairs, holding and closing costs) and the
-- proceeds. The realized return is derived, never typed in: (proceeds − total cost) ÷ total cost. When it was
-- recorded is kept too, because that — not the exit date — is when the CRM learned the outcome (the models'
-- histories are point-in-time correct). Columns on opportunities: the existing policies, audit trigger and
-- tenancy tests cover them; all three figures are given together or not at all.

alter table public.opportunities
  add column exited_on date,
  add column exit_total_cost numeric(14, 2) check (exit_total_cost > 0),
  add column exit_proceeds numeric(14, 2) check (exit_proceeds >= 0),
  add column exit_recorded_at timestamptz,
  add column realized_return numeric(10, 4)
    generated always as (round((exit_proceeds - exit_total_cost) / exit_total_cost, 4)) stored,
  add constraint opportunities_exit_complete check (
    (exited_on is null) = (exit_total_cost is null)
    and (exited_on is null) = (exit_proceeds is null)
    and (exited_on is null) = (exit_recorded_at is null)
  );
