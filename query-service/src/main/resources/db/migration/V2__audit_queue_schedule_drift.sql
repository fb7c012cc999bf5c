-- Audit trail of deployments (channel, step times and output), the live queue, the lifecycle schedule and
-- drift of environments. Like V1, everything here is rebuilt by replaying events.

-- command.accepted, remembered so that a deployment shows the interface its command came through, whichever
-- of the two arrives first. Joined when read: by the deployment's command id, else by the deployment id.
CREATE TABLE accepted_commands
(
  command_id    UUID PRIMARY KEY,
  command_type  TEXT        NOT NULL,
  deployment_id UUID,
  channel       TEXT,                                -- rest | amqp | slack | webhook | schedule, NULL if unknown
  actor         TEXT        NOT NULL,
  app           TEXT,
  environment   TEXT,
  accepted_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX accepted_commands_by_deployment ON accepted_commands (deployment_id);

-- The queue is computed when read (see queued_deployments); the position a deployment.queued event carried
-- goes stale as soon as the deployment ahead of it starts, so it is not kept.
ALTER TABLE deployments DROP COLUMN queue_position;
ALTER TABLE deployments ADD COLUMN queued_sequence BIGINT;      -- of its deployment.queued: FIFO order
ALTER TABLE deployments ADD COLUMN queued_at TIMESTAMPTZ;
CREATE INDEX deployments_queued ON deployments (app, environment) WHERE status = 'QUEUED';

-- The deployments waiting in each environment's queue, with their live position (1 = next to run), first
-- queued first. The one definition of the queue order, used by the deployment and environment views.
CREATE VIEW queued_deployments AS
SELECT d.id, d.app, d.environment, d.operation, d.version, d.actor, d.requested_at,
       CAST(row_number() OVER (PARTITION BY d.app, d.environment
                               ORDER BY d.queued_sequence NULLS LAST, COALESCE(d.queued_at, d.requested_at), d.id)
            AS int) AS position
  FROM deployments d
 WHERE d.status = 'QUEUED';

-- Steps: when they started and finished, and the output they logged (last lines only, see below).
ALTER TABLE deployment_steps ADD COLUMN started_at TIMESTAMPTZ;  -- the first RUNNING, DONE or FAILED report
ALTER TABLE deployment_steps ADD COLUMN finished_at TIMESTAMPTZ; -- the latest report, if DONE, FAILED or SKIPPED
ALTER TABLE deployment_steps ADD COLUMN output_lines BIGINT NOT NULL DEFAULT 0;   -- lines received in all
ALTER TABLE deployment_steps ADD COLUMN output_truncated BOOLEAN NOT NULL DEFAULT false; -- older lines dropped

-- One row per output line of a step, ordered by the step-changed event that carried it (sequence, then time)
-- and the line's place in it. Only the newest stagecraft.query.step-output.max-lines lines of a step are kept.
CREATE TABLE deployment_step_output
(
  deployment_id UUID        NOT NULL,
  step          TEXT        NOT NULL,
  sequence      BIGINT      NOT NULL,
  occurred_at   TIMESTAMPTZ NOT NULL,
  event_id      UUID        NOT NULL,
  line_no       INT         NOT NULL,
  line          TEXT        NOT NULL,
  PRIMARY KEY (deployment_id, step, sequence, occurred_at, event_id, line_no),
  FOREIGN KEY (deployment_id, step) REFERENCES deployment_steps (deployment_id, name)
);

-- environment.schedule-changed: when Stagecraft archives (TTL) and cleans up (retention) by itself.
ALTER TABLE environments ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE environments ADD COLUMN cleanup_at TIMESTAMPTZ;

-- environment.drift-detected, until a later deployment succeeds or the desired version is reported RUNNING.
ALTER TABLE environments ADD COLUMN drift_desired_version TEXT;
ALTER TABLE environments ADD COLUMN drift_actual_version TEXT;
ALTER TABLE environments ADD COLUMN drift_detail TEXT;
ALTER TABLE environments ADD COLUMN drift_detected_at TIMESTAMPTZ;
ALTER TABLE environments ADD COLUMN drift_source TEXT;
ALTER TABLE environments ADD COLUMN drift_sequence BIGINT;

-- True if event b (source, sequence, time) happened after event a. Sequences are comparable only when both
-- events are numbered by the same source; otherwise the times decide.
CREATE FUNCTION happened_after(a_source TEXT, a_sequence BIGINT, a_at TIMESTAMPTZ,
                               b_source TEXT, b_sequence BIGINT, b_at TIMESTAMPTZ) RETURNS BOOLEAN
  LANGUAGE sql IMMUTABLE AS
$$
SELECT CASE
         WHEN a_source = b_source AND a_sequence > 0 AND b_sequence > 0 THEN b_sequence > a_sequence
         ELSE b_at > a_at
       END
$$;
