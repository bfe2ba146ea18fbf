-- Outbound webhooks (docs/webhooks.md, docs/decisions/0030-outbound-webhooks.md).

-- The endpoints, kept by the subscribing "webhook-endpoints" processor from the WebhookEndpoints aggregate's
-- events. The secrets are sealed (AES-256-GCM, bound to the owner): the sender must read them back to sign.
CREATE TABLE webhook_endpoint (
    id                          VARCHAR(64)              NOT NULL PRIMARY KEY,
    user_id                     VARCHAR(64)              NOT NULL,
    url                         VARCHAR(2000)            NOT NULL,
    description                 VARCHAR(500)             NOT NULL,
    -- comma-separated wire names; empty: every type
    event_types                 VARCHAR(1000)            NOT NULL,
    enabled                     BOOLEAN                  NOT NULL,
    disabled_reason             VARCHAR(32),
    created_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    secret_sealed               VARCHAR(512)             NOT NULL,
    previous_secret_sealed      VARCHAR(512),
    previous_secret_valid_until TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_endpoint_user ON webhook_endpoint (user_id);

-- The outbox: one row per message and endpoint, written by the streaming "webhooks" processor (or by a test
-- send), sent by whichever node claims it. The id is the message's webhook-id, the same on every attempt.
CREATE TABLE webhook_message (
    id              VARCHAR(64)              NOT NULL PRIMARY KEY,
    endpoint_id     VARCHAR(64)              NOT NULL,
    user_id         VARCHAR(64)              NOT NULL,
    event_type      VARCHAR(64)              NOT NULL,
    payload         TEXT                     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- pending, delivered, failed (every attempt used), dropped (endpoint disabled or deleted)
    state           VARCHAR(16)              NOT NULL,
    attempts        INTEGER                  NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the node holding the message while it sends it, until lease_until (then anyone may take it again)
    claimed_by      VARCHAR(64),
    lease_until     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_message_due ON webhook_message (state, next_attempt_at);
CREATE INDEX webhook_message_endpoint ON webhook_message (endpoint_id, created_at);

-- One row per attempt: the delivery log.
CREATE TABLE webhook_attempt (
    message_id    VARCHAR(64)              NOT NULL,
    endpoint_id   VARCHAR(64)              NOT NULL,
    attempt       INTEGER                  NOT NULL,
    attempted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    status_code   INTEGER,
    latency_ms    BIGINT                   NOT NULL,
    error         VARCHAR(500),
    response_body VARCHAR(2000),
    PRIMARY KEY (message_id, attempt)
);
CREATE INDEX webhook_attempt_endpoint ON webhook_attempt (endpoint_id, attempted_at);
