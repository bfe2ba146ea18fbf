-- What a creating POST sent with an Idempotency-Key answered, so that the same request again gets the same answer
-- and the key reused for another request gets 409. Kept 24 hours. The body is sealed with the service secret (it may
-- hold a secret shown once: an API key, a webhook signing secret). completed_at is null while the first request runs.
CREATE TABLE idempotent_request (
    user_id      VARCHAR(64)              NOT NULL,
    idem_key     VARCHAR(255)             NOT NULL,
    fingerprint  VARCHAR(64)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE,
    status       INTEGER,
    content_type VARCHAR(255),
    location     VARCHAR(2048),
    body         TEXT,
    PRIMARY KEY (user_id, idem_key)
);

CREATE INDEX idempotent_request_created ON idempotent_request (created_at);
