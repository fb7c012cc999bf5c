-- Promotion, approvals and rollback (issue 4, command-service's part).

-- A deployment held for approval (status AWAITING_APPROVAL) has no job yet: what the job will need, and who
-- answered it, are kept with it. commit: the commit recorded for its version; from_version: the version it
-- replaces as it was when requested; force: the promotion skips the previous-stage rule (re-checked at approval).
-- Statuses now also AWAITING_APPROVAL | APPROVED | REJECTED.
ALTER TABLE deployments ADD COLUMN commit TEXT;
ALTER TABLE deployments ADD COLUMN from_version TEXT;
ALTER TABLE deployments ADD COLUMN force BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE deployments ADD COLUMN decided_by TEXT;
ALTER TABLE deployments ADD COLUMN decision_comment TEXT;
ALTER TABLE deployments ADD COLUMN decided_at TIMESTAMPTZ;
-- at most one deployment per environment awaits approval
CREATE UNIQUE INDEX deployments_awaiting_approval_idx ON deployments (app, environment)
  WHERE status = 'AWAITING_APPROVAL';
CREATE INDEX deployments_succeeded_idx ON deployments (app, environment, version)
  WHERE operation = 'DEPLOY' AND status = 'SUCCEEDED';

-- Versions marked bad for an environment: the version an environment was rolled back from. Auto-promotion
-- does not bring a marked version back; an explicit promote, update or rollback to it clears the mark.
CREATE TABLE bad_versions
(
  app           TEXT        NOT NULL,
  environment   TEXT        NOT NULL,
  version       TEXT        NOT NULL,
  marked_by     TEXT        NOT NULL,
  marked_at     TIMESTAMPTZ NOT NULL,
  command_id    UUID        NOT NULL, -- the rollback that marked it
  deployment_id UUID        NOT NULL, -- the rollback's deployment
  PRIMARY KEY (app, environment, version)
);
