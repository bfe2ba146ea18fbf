-- The time each sealed run of positions spans, written by the audit sealer behind the appends: a read of the history
-- filtered by a time range skips every position outside it without an index on the event store (docs/audit.md).
-- The spans tile the sealed positions, holes included. The history sealed before this migration is split into spans
-- of 1000 positions (a full pass over the event store, once).
CREATE TABLE audit_time_span (
    first_position BIGINT       NOT NULL PRIMARY KEY,
    last_position  BIGINT       NOT NULL,
    earliest       VARCHAR(255) NOT NULL,
    latest         VARCHAR(255) NOT NULL
);

CREATE INDEX ix_audit_time_span_latest ON audit_time_span (latest);
CREATE INDEX ix_audit_time_span_earliest ON audit_time_span (earliest);

INSERT INTO audit_time_span (first_position, last_position, earliest, latest)
SELECT MIN(globalindex) / 1000 * 1000,
       LEAST(MIN(globalindex) / 1000 * 1000 + 999, (SELECT position FROM audit_chain_head WHERE id = 1)),
       MIN(timestamp), MAX(timestamp)
FROM domainevententry
WHERE globalindex <= (SELECT position FROM audit_chain_head WHERE id = 1)
GROUP BY globalindex / 1000;
