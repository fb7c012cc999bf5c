-- deployer-worker's own tables (schema deployer). The outbox, inbox and event sequences come from
-- classpath:db/messaging (common-messaging).

-- Runtime state of each environment this worker manages.
CREATE TABLE environment
(
  app             TEXT NOT NULL,
  name            TEXT NOT NULL,
  -- DESIGN §4 EnvironmentStatus; NULL until the first deployment starts ([*] in the status machine)
  status          TEXT,
  status_reason   TEXT,
  failure_reason  TEXT,          -- GENERIC | PARTIAL_AVAILABILITY | VERSION_MISMATCH when status is FAILURE
  actual_version  TEXT,          -- the version that runs (or ran, when archived)
  driver          TEXT,
  desired_spec    JSONB,         -- the job of the last successful deploy, secrets sealed
  process_pid     BIGINT,        -- what runs now (local driver: the process, its port and work dir)
  process_port    INTEGER,
  work_dir        TEXT,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  PRIMARY KEY (app, name)
);

-- Every deployment: one attempt to change an environment. queue_position orders the FIFO per environment.
CREATE TABLE deployment
(
  id             UUID PRIMARY KEY,
  queue_position BIGSERIAL NOT NULL,
  app            TEXT NOT NULL,
  environment    TEXT NOT NULL,
  operation      TEXT NOT NULL,
  status         TEXT NOT NULL,  -- QUEUED | RUNNING | SUCCEEDED | FAILED | CANCELLED
  from_version   TEXT,
  to_version     TEXT NOT NULL,
  actor          TEXT NOT NULL,
  command_id     UUID NOT NULL,
  job            JSONB NOT NULL, -- the job as received, secrets sealed
  worker_id      TEXT,           -- the worker that runs or ran it
  requested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  queued_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at     TIMESTAMP WITH TIME ZONE,
  finished_at    TIMESTAMP WITH TIME ZONE,
  error          TEXT,
  failed_step    TEXT,
  FOREIGN KEY (app, environment) REFERENCES environment (app, name)
);
CREATE INDEX deployment_by_environment_idx ON deployment (app, environment, status, queue_position);
-- DESIGN §4: per environment at most one deployment is RUNNING, whichever worker runs it.
CREATE UNIQUE INDEX deployment_one_running_per_environment_idx ON deployment (app, environment) WHERE status = 'RUNNING';

CREATE TABLE deployment_step
(
  deployment_id UUID NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  name          TEXT NOT NULL,
  status        TEXT NOT NULL,   -- PENDING | RUNNING | DONE | FAILED | SKIPPED
  message       TEXT,
  started_at    TIMESTAMP WITH TIME ZONE,
  finished_at   TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (deployment_id, name)
);

CREATE TABLE step_log
(
  id            BIGSERIAL PRIMARY KEY,
  deployment_id UUID NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
  step          TEXT NOT NULL,
  line          TEXT NOT NULL,
  logged_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX step_log_by_deployment_idx ON step_log (deployment_id, step, id);
