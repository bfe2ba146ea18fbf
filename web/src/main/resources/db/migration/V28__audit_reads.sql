-- Every read of the audit history: who read what, when. Append-only: the service inserts and selects, never
-- updates or deletes (docs/decisions/0033-audit-history.md).
CREATE TABLE audit_read (
    id             BIGSERIAL                NOT NULL PRIMARY KEY,
    read_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    reader_id      VARCHAR(64)              NOT NULL,
    actor          VARCHAR(128)             NOT NULL,
    role           VARCHAR(16)              NOT NULL,
    client_address VARCHAR(64),
    path           VARCHAR(1000)            NOT NULL,
    query          VARCHAR(2000),
    export         BOOLEAN                  NOT NULL
);
CREATE INDEX audit_read_reader ON audit_read (reader_id, id);
