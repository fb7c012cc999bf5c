-- One Slack message per deployment: what it should show, where it is, and how far Slack has caught up.
-- A row is written in the transaction that consumes the deployment's event (with the inbox row); the
-- deliverer then posts or updates the message outside that transaction and records the outcome here.
CREATE TABLE slack_message
(
  deployment_id      UUID PRIMARY KEY,
  app                TEXT,
  environment        TEXT,
  -- the configured channel until the message is posted, then the channel id Slack answered with
  channel            TEXT NOT NULL,
  -- Slack's timestamp of the message (its id within the channel); NULL until chat.postMessage succeeded
  ts                 TEXT,
  -- what the message should show: the deployment as far as its events tell (JSON of DeploymentView)
  view               JSONB NOT NULL,
  -- bumped whenever view changes; Slack shows delivered_revision
  revision           BIGINT NOT NULL DEFAULT 1,
  delivered_revision BIGINT NOT NULL DEFAULT 0,
  -- failed attempts since the last success, when to try next (also a claim: set ahead while a call runs)
  attempts           INT NOT NULL DEFAULT 0,
  next_attempt_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  last_error         TEXT,
  -- set when attempts ran out; the deployment's next event tries again
  gave_up_at         TIMESTAMP WITH TIME ZONE,
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX slack_message_due_idx ON slack_message (next_attempt_at)
  WHERE gave_up_at IS NULL AND (ts IS NULL OR delivered_revision < revision);
