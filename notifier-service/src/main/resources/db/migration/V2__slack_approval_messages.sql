-- A deployment may have two Slack messages: its progress ('deployment', as before) and, when it needs
-- approval, the request for it ('approval'), posted to the stage's approval channel and updated in place
-- when it is approved, rejected or cancelled. Existing rows are deployment messages.
ALTER TABLE slack_message ADD COLUMN kind TEXT NOT NULL DEFAULT 'deployment'
  CHECK (kind IN ('deployment', 'approval'));
ALTER TABLE slack_message DROP CONSTRAINT slack_message_pkey;
ALTER TABLE slack_message ADD PRIMARY KEY (deployment_id, kind);

-- The pipelines of the applications, from application.registered: which environments are pipeline stages
-- (messages show the stage; routes may name it), replaced whenever an application is registered again.
CREATE TABLE pipeline_stage
(
  app         TEXT NOT NULL,
  environment TEXT NOT NULL,
  position    INT NOT NULL,
  PRIMARY KEY (app, environment)
);
