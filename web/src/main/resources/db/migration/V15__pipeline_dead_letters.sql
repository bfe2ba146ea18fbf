-- Events the pipeline saga gave up on after its retries: the job was failed (credits released) and operators see
-- the letter under /api/v1/admin/dead-letters. Axon's own dead-letter queue (deadletterentry) serves the
-- projections; it does not support sagas.
CREATE TABLE saga_dead_letter (
    id               VARCHAR(36)              NOT NULL PRIMARY KEY,
    processing_group VARCHAR(255)             NOT NULL,
    event_id         VARCHAR(255)             NOT NULL,
    event_type       VARCHAR(255)             NOT NULL,
    job_id           VARCHAR(255),
    attempts         INT                      NOT NULL,
    cause_type       VARCHAR(255)             NOT NULL,
    cause_message    VARCHAR(2000),
    dead_lettered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_saga_dead_letter_event UNIQUE (processing_group, event_id)
);
