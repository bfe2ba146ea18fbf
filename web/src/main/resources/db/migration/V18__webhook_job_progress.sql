-- What the streaming "webhooks" processor remembers of a running job: how far it got (job.progress is sent at
-- most every 10 % or 10 s per job) and its verdicts by reason (job.completed carries them).
CREATE TABLE webhook_job_progress (
    job_id       VARCHAR(64)              NOT NULL PRIMARY KEY,
    rows_total   BIGINT                   NOT NULL,
    rows_done    BIGINT                   NOT NULL,
    -- JSON object: reason code -> verdicts
    reasons      TEXT                     NOT NULL,
    last_percent INTEGER                  NOT NULL,
    last_sent_at TIMESTAMP WITH TIME ZONE NOT NULL,
    finished     BOOLEAN                  NOT NULL
);
