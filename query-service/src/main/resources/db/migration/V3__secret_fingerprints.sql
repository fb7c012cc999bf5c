-- environment.spec-changed.secretFingerprints: per secret key a keyed hash of its value that reveals only
-- equality (never the value). Empty for events from senders that did not fingerprint: the diff says "unknown".
ALTER TABLE environments ADD COLUMN secret_fingerprints JSONB NOT NULL DEFAULT '{}';
