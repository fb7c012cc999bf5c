-- Who may do what (issue 4, "Access"): users, their roles (optionally for one application) and API tokens.

CREATE TABLE users (
    name          text PRIMARY KEY,
    slack_user_id text UNIQUE,                 -- the Slack user this user is, e.g. U012AB3CD
    password_hash text,                        -- bcrypt; null = no Basic auth with a password
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE grants (
    user_name text NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    role      text NOT NULL CHECK (role IN ('viewer', 'deployer', 'approver', 'admin')),
    app       text,                            -- null = every application
    UNIQUE NULLS NOT DISTINCT (user_name, role, app)
);

CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY,
    user_name    text NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    label        text NOT NULL,
    token_hash   text NOT NULL UNIQUE,         -- hex SHA-256 of the token; the token itself is never stored
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

CREATE INDEX api_tokens_by_user ON api_tokens (user_name);
