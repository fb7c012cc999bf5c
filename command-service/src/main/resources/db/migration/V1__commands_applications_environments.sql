-- command-service's own state (schema "command"): what it has decided.

-- Registered applications: how they run and their default public configuration.
CREATE TABLE applications
(
  name            TEXT PRIMARY KEY,
  repository      TEXT,
  driver          TEXT        NOT NULL,
  driver_settings JSONB       NOT NULL,
  defaults        JSONB       NOT NULL,
  command_id      UUID        NOT NULL,
  registered_at   TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL
);

-- The ordered stages of each application's pipeline, each bound to one environment.
CREATE TABLE pipeline_stages
(
  app               TEXT    NOT NULL REFERENCES applications (name) ON DELETE CASCADE,
  position          INT     NOT NULL,
  environment       TEXT    NOT NULL,
  requires_approval BOOLEAN NOT NULL,
  auto_promote      BOOLEAN NOT NULL,
  branch            TEXT,
  PRIMARY KEY (app, position),
  UNIQUE (app, environment)
);

-- The desired spec of each environment (secret values sealed with SecretBox, never plaintext) and the
-- status command-service believes it has: set by accepted commands, corrected by the worker's events.
CREATE TABLE environments
(
  app                TEXT        NOT NULL REFERENCES applications (name),
  name               TEXT        NOT NULL,
  revision           INT         NOT NULL,
  version            TEXT        NOT NULL,
  commit             TEXT,
  overrides          JSONB       NOT NULL,
  secret_overrides   JSONB       NOT NULL,
  ttl                TEXT,
  tags               JSONB       NOT NULL,
  description        TEXT,
  status             TEXT        NOT NULL,
  status_reason      TEXT,
  worker_sequence    BIGINT      NOT NULL DEFAULT 0,
  last_deployment_id UUID,
  created_at         TIMESTAMPTZ NOT NULL,
  updated_at         TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (app, name)
);

-- Every desired spec an environment ever had, one row per accepted create/update.
CREATE TABLE environment_spec_revisions
(
  app              TEXT        NOT NULL,
  environment      TEXT        NOT NULL,
  revision         INT         NOT NULL,
  version          TEXT        NOT NULL,
  commit           TEXT,
  overrides        JSONB       NOT NULL,
  secret_overrides JSONB       NOT NULL,
  ttl              TEXT,
  tags             JSONB       NOT NULL,
  description      TEXT,
  command_id       UUID        NOT NULL,
  deployment_id    UUID        NOT NULL,
  actor            TEXT        NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (app, environment, revision),
  FOREIGN KEY (app, environment) REFERENCES environments (app, name)
);

-- Every command received (REST or AMQP) and its outcome: the audit trail and the idempotency record.
-- response is the outcome as JSON, from which a repeated command is answered identically.
CREATE TABLE commands
(
  id            UUID PRIMARY KEY,
  type          TEXT        NOT NULL,
  status        TEXT        NOT NULL CHECK (status IN ('ACCEPTED', 'REJECTED')),
  code          TEXT,
  message       TEXT,
  deployment_id UUID,
  app           TEXT,
  environment   TEXT,
  actor         TEXT        NOT NULL,
  channel       TEXT        NOT NULL,
  response      JSONB       NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX commands_by_environment_idx ON commands (app, environment, created_at);
