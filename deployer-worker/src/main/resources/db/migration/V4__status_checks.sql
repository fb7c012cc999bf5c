-- Periodic status checks (dev.stagecraft.deployer.check).

-- When the environment is due for its next check. A worker claims due environments by moving this forward by one
-- interval (UPDATE … WHERE next_check_at <= now … FOR UPDATE SKIP LOCKED), so that N workers sharing the database
-- check each environment once per interval between them. NULL: never checked, due at once.
ALTER TABLE environment ADD COLUMN next_check_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX environment_next_check_idx ON environment (next_check_at) WHERE status IN ('RUNNING', 'FAILURE');

-- The drift (actual version ≠ the recorded spec's version) last announced as environment.drift-detected, so that it
-- is announced once, not at every check; deleted when the workload reports the recorded version again.
CREATE TABLE reported_drift
(
  app             TEXT NOT NULL,
  environment     TEXT NOT NULL,
  deployment_id   UUID NOT NULL,   -- the deployment whose recorded spec the workload drifted from
  desired_version TEXT NOT NULL,
  actual_version  TEXT NOT NULL,
  reported_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (app, environment),
  FOREIGN KEY (app, environment) REFERENCES environment (app, name)
);
