-- bucket4j's shared token buckets (PostgreSQL backend, SELECT ... FOR UPDATE). Used when the database is
-- PostgreSQL, so every node draws on the same budgets; the embedded default keeps its buckets in memory.
CREATE TABLE rate_limit_bucket (
    id         VARCHAR(255) NOT NULL PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX ix_rate_limit_bucket_expires ON rate_limit_bucket (expires_at);
