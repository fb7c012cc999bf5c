-- Lifecycle commands (archive, restore, cleanup, cancel) and the environment's schedule (TTL, retention).

-- status is what command-service has decided (set by each accepted command); reported_status is the last
-- status the worker reported. last_command_id names the command that decided status: a worker report
-- caused by an older command is recorded as reported_status only, since a newer command decides status.
ALTER TABLE environments ADD COLUMN reported_status TEXT;
ALTER TABLE environments ADD COLUMN reported_reason TEXT;
ALTER TABLE environments ADD COLUMN last_command_id UUID;
-- numbers the jobs of one environment (DeploymentJob.sequence): the worker runs them in this order
ALTER TABLE environments ADD COLUMN job_sequence BIGINT NOT NULL DEFAULT 0;
-- when the TTL passes (the environment is archived) and when, archived, it is cleaned up; null = never
ALTER TABLE environments ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE environments ADD COLUMN cleanup_at TIMESTAMPTZ;
CREATE INDEX environments_expiry_idx ON environments (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX environments_cleanup_idx ON environments (cleanup_at) WHERE cleanup_at IS NOT NULL;

-- Every deployment command-service started, and how far it got (from the worker's deployment events):
-- what deployment.cancel is judged by.
CREATE TABLE deployments
(
  id          UUID PRIMARY KEY,
  app         TEXT        NOT NULL,
  environment TEXT        NOT NULL,
  operation   TEXT        NOT NULL,
  version     TEXT        NOT NULL,
  command_id  UUID        NOT NULL,
  actor       TEXT        NOT NULL,
  status      TEXT        NOT NULL, -- QUEUED | RUNNING | SUCCEEDED | FAILED | CANCELLED | SUPERSEDED
  created_at  TIMESTAMPTZ NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX deployments_by_environment_idx ON deployments (app, environment, created_at);
