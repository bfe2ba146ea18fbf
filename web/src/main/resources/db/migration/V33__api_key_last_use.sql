-- When an API key was last used is written by the edge, not derived from events: it moves to a table of its own, so
-- that rebuilding the api_key read model from the event store (audit replay) keeps it.
CREATE TABLE api_key_use (
    key_id       VARCHAR(64)              NOT NULL PRIMARY KEY,
    last_used_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO api_key_use (key_id, last_used_at) SELECT id, last_used_at FROM api_key WHERE last_used_at IS NOT NULL;
ALTER TABLE api_key DROP COLUMN last_used_at;
