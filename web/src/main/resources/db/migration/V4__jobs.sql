-- Query side: one row per batch job, owner-scoped, newest first. (count_unknown: UNKNOWN is an H2 keyword.)
CREATE TABLE job_view (
    id               VARCHAR(64)              NOT NULL PRIMARY KEY,
    user_id          VARCHAR(64)              NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    file_name        VARCHAR(255)             NOT NULL,
    rows_total       BIGINT                   NOT NULL,
    rows_to_check    BIGINT                   NOT NULL,
    rows_done        BIGINT                   NOT NULL,
    duplicates       BIGINT                   NOT NULL,
    count_deliverable   BIGINT                   NOT NULL,
    count_undeliverable BIGINT                   NOT NULL,
    count_risky         BIGINT                   NOT NULL,
    count_unknown       BIGINT                   NOT NULL,
    reason_counts    VARCHAR(4000)            NOT NULL,
    credits_reserved BIGINT                   NOT NULL,
    credits_captured BIGINT                   NOT NULL,
    rejection_reason VARCHAR(32),
    detail           VARCHAR(1000),
    results_csv_key  VARCHAR(512),
    results_xlsx_key VARCHAR(512),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_job_view_owner_created ON job_view (user_id, created_at DESC);
