-- Accounts and security (issue 4). Read models kept by the subscribing "access" processor, inside the
-- transaction that appends the event, so a suspension or revocation takes effect on the very next request.

-- What every authenticated request checks: standing and the session version (raised by password changes).
CREATE TABLE user_status (
    user_id           VARCHAR(64)              NOT NULL PRIMARY KEY,
    email             VARCHAR(254)             NOT NULL,
    role              VARCHAR(16)              NOT NULL,
    email_confirmed   BOOLEAN                  NOT NULL,
    suspended         BOOLEAN                  NOT NULL,
    suspension_reason VARCHAR(500),
    session_version   BIGINT                   NOT NULL,
    registered_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_user_status_registered ON user_status (registered_at, user_id);

-- Accounts opened before this migration: the operator counts as confirmed, everyone else must confirm.
INSERT INTO user_status (user_id, email, role, email_confirmed, suspended, session_version, registered_at)
SELECT c.user_id, c.email, c.role, c.role = 'ADMIN', FALSE, 0, CURRENT_TIMESTAMP
FROM user_credentials c;

-- API keys: only the SHA-256 of the secret is kept. last_used_at is operational telemetry written by the edge.
CREATE TABLE api_key (
    id           VARCHAR(64)              NOT NULL PRIMARY KEY,
    user_id      VARCHAR(64)              NOT NULL,
    label        VARCHAR(100)             NOT NULL,
    prefix       VARCHAR(32)              NOT NULL,
    secret_hash  VARCHAR(64)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_api_key_secret_hash UNIQUE (secret_hash)
);
CREATE INDEX ix_api_key_user ON api_key (user_id);

-- Refresh tokens (sessions) of the dashboard, hashed; rotated on every use, revoked by family on reuse.
CREATE TABLE refresh_token (
    token_hash  VARCHAR(64)              NOT NULL PRIMARY KEY,
    family_id   VARCHAR(64)              NOT NULL,
    user_id     VARCHAR(64)              NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at  TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_refresh_token_family ON refresh_token (family_id);
CREATE INDEX ix_refresh_token_user ON refresh_token (user_id);
