-- environment.lock-changed: who holds the environment's lock, why and since when; all NULL while unlocked.
ALTER TABLE environments
  ADD COLUMN lock_holder TEXT,
  ADD COLUMN lock_reason TEXT,
  ADD COLUMN locked_at   TIMESTAMPTZ;

-- The deployments that wait for an approval, per environment (the pipeline matrix lists them).
CREATE INDEX deployments_awaiting_approval ON deployments (app, environment) WHERE status = 'AWAITING_APPROVAL';
