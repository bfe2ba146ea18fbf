-- The service's master secret when it is generated rather than configured (MAILSIFT_JWT_SECRET) on a shared
-- database: every node reads the same row. The first node to start inserts it; the others find it
-- (docs/decisions/0026-service-secrets.md). Anyone who can read this table or its backups can mint access tokens.
CREATE TABLE service_secret (
    name       VARCHAR(64)              NOT NULL PRIMARY KEY,
    secret     VARCHAR(128)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
