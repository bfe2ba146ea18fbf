-- Which chunks job_view's counts hold (a bit per chunk index), so that a progress stream adding the chunks its node
-- has just committed never adds one the read model already counts. Null for jobs counted before: no chunk known.
ALTER TABLE job_view ADD COLUMN chunks_counted BYTEA;
