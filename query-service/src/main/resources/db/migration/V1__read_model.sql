-- The read model of query-service, built only from events on stagecraft.events (DESIGN.md §6).
-- Everything here can be rebuilt by replaying the events; nothing is read from another service's schema.

-- application.registered: the public spec of an application, pipeline included.
CREATE TABLE applications
(
  name            TEXT PRIMARY KEY,
  repository      TEXT,
  driver          TEXT        NOT NULL,
  driver_settings JSONB       NOT NULL DEFAULT '{}',
  defaults        JSONB       NOT NULL DEFAULT '{}',
  pipeline        JSONB       NOT NULL DEFAULT '[]', -- [{environment, requiresApproval, autoPromote, branch}]
  registered_by   TEXT        NOT NULL,
  registered_at   TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL
);

-- One row per environment any event has named. Current-state columns are written only by events whose
-- sequence is above the last one applied from the same source (applied_sequences).
CREATE TABLE environments
(
  app                TEXT        NOT NULL,
  name               TEXT        NOT NULL,
  stage              TEXT,                           -- the pipeline stage it is bound to; NULL for ad-hoc ones
  stage_index        INT,                            -- the stage's position in the pipeline, from 0
  status             TEXT,                           -- environment.status-changed.to; NULL until the worker reports
  status_reason      TEXT,                           -- environment.status-changed.reason
  failure            TEXT,                           -- GENERIC | PARTIAL_AVAILABILITY | VERSION_MISMATCH when FAILURE
  version            TEXT,                           -- what actually runs
  desired_version    TEXT,                           -- environment.spec-changed.version
  desired_commit     TEXT,
  driver             TEXT,
  tags               JSONB       NOT NULL DEFAULT '[]',
  description        TEXT,
  ttl                TEXT,                           -- ISO-8601 duration, e.g. PT72H
  overrides          JSONB       NOT NULL DEFAULT '{}', -- public overrides only
  secret_keys        JSONB       NOT NULL DEFAULT '[]', -- names of secret keys, never values
  last_deployment_id UUID,
  applied_sequences  JSONB       NOT NULL DEFAULT '{}', -- last applied sequence per source (AMQP app_id)
  created_at         TIMESTAMPTZ NOT NULL,
  updated_at         TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (app, name)
);
CREATE INDEX environments_by_status ON environments (status);

CREATE TABLE deployments
(
  id             UUID PRIMARY KEY,
  app            TEXT        NOT NULL,
  environment    TEXT        NOT NULL,
  operation      TEXT,                               -- DEPLOY | ARCHIVE | RESTORE | CLEANUP
  status         TEXT        NOT NULL,               -- only ever moves forward (DeploymentLifecycle)
  version        TEXT,                               -- the version the deployment brings (toVersion)
  from_version   TEXT,
  actor          TEXT        NOT NULL,
  command_id     UUID,
  approver       TEXT,
  queue_position INT,
  requested_at   TIMESTAMPTZ NOT NULL,
  started_at     TIMESTAMPTZ,
  finished_at    TIMESTAMPTZ,
  duration_ms    BIGINT,
  error          TEXT,
  failed_step    TEXT,
  updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX deployments_by_environment ON deployments (app, environment, requested_at DESC);

CREATE TABLE deployment_steps
(
  deployment_id UUID        NOT NULL REFERENCES deployments (id),
  name          TEXT        NOT NULL,
  position      INT,                                 -- from deployment.started.plan
  status        TEXT        NOT NULL,
  message       TEXT,
  progress      INT         NOT NULL DEFAULT 0,
  sequence      BIGINT      NOT NULL DEFAULT 0,      -- of the step-changed event applied last
  updated_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (deployment_id, name)
);

-- Every event applied, keyed by its id, with its original JSON.
CREATE TABLE event_log
(
  event_id      UUID PRIMARY KEY,
  type          TEXT        NOT NULL,
  source        TEXT        NOT NULL,
  app           TEXT,
  environment   TEXT,
  deployment_id UUID,
  command_id    UUID,
  actor         TEXT        NOT NULL,
  sequence      BIGINT      NOT NULL,
  occurred_at   TIMESTAMPTZ NOT NULL,
  received_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  payload       JSONB       NOT NULL
);
CREATE INDEX event_log_by_environment ON event_log (app, environment, occurred_at DESC);
CREATE INDEX event_log_by_deployment ON event_log (deployment_id);
