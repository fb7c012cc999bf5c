-- Per-environment order and leases, so that several worker processes share the queues safely.

-- DeploymentJob.sequence: the order command-service decided the environment's jobs in (0: unknown). The queue
-- runs by it, whichever job arrived first; a job older than one that already started is SUPERSEDED.
ALTER TABLE deployment ADD COLUMN job_sequence BIGINT NOT NULL DEFAULT 0;
-- A RUNNING deployment belongs to worker_id until lease_expires_at; the worker renews the lease while it
-- works. A lease that runs out means the worker died: another worker takes the deployment over.
ALTER TABLE deployment ADD COLUMN lease_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE deployment ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX deployment_lease_idx ON deployment (lease_expires_at) WHERE status = 'RUNNING';
CREATE INDEX deployment_sequence_idx ON deployment (app, environment, job_sequence);

-- The last step_log id of the step announced in a deployment.step-changed: each event carries the lines since.
ALTER TABLE deployment_step ADD COLUMN published_log_id BIGINT NOT NULL DEFAULT 0;
