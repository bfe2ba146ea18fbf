-- The time each sealed batch of events spans, written by the audit sealer behind the appends: a read of the history
-- filtered by a time range skips every position outside it without an index on the event store (docs/audit.md).
-- The history sealed before this migration is split into spans of 1000 positions.
CREATE TABLE audit_time_span (
    first_position BIGINT       NOT NULL PRIMARY KEY,
    last_position  BIGINT       NOT NULL,
    earliest       VARCHAR(255) NOT NULL,
    latest         VARCHAR(255) NOT NULL
);

INSERT INTO audit_time_span (first_position, last_position, earliest, latest)
SELECT MIN(globalindex), MAX(globalindex), MIN(timestamp), MAX(timestamp)
FROM domainevententry
WHERE globalindex <= (SELECT position FROM audit_chain_head WHERE id = 1)
GROUP BY globalindex / 1000;
