-- The start instant of process_pid: with the pid it identifies the process, so that a pid the OS gave to an
-- unrelated process since is never taken for the environment's (and never signalled).
ALTER TABLE environment ADD COLUMN process_started_at TIMESTAMP WITH TIME ZONE;
