-- The secret defaults of each application: key -> value sealed under app/*/KEY (SecretBox), or a Vault
-- reference (vault:<mount>/<path>#<key>). Never plaintext.
ALTER TABLE applications ADD COLUMN secret_defaults JSONB NOT NULL DEFAULT '{}'::jsonb;
