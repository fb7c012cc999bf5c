-- Environment locks: while a row exists, only its holder may deploy to or change the environment.
-- Kept apart from environments, since a stage may be locked before its first deployment creates it.
CREATE TABLE environment_locks
(
  app         TEXT        NOT NULL REFERENCES applications (name),
  environment TEXT        NOT NULL,
  holder      TEXT        NOT NULL,
  reason      TEXT        NOT NULL,
  locked_at   TIMESTAMPTZ NOT NULL,
  command_id  UUID        NOT NULL,
  PRIMARY KEY (app, environment)
);

-- Every git web hook delivery (X-GitHub-Delivery) whose signature was valid: a delivery id seen again is a replay.
CREATE TABLE git_deliveries
(
  delivery_id TEXT PRIMARY KEY,
  event       TEXT        NOT NULL,
  received_at TIMESTAMPTZ NOT NULL
);
