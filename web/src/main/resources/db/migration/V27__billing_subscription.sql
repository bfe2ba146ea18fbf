-- Each account's latest subscription (query-side SubscriptionProjection).
CREATE TABLE billing_subscription (
    user_id            VARCHAR(64)              NOT NULL PRIMARY KEY,
    subscription_id    VARCHAR(255)             NOT NULL,
    plan_id            VARCHAR(64)              NOT NULL,
    status             VARCHAR(16)              NOT NULL,
    period_start       TIMESTAMP WITH TIME ZONE,
    period_end         TIMESTAMP WITH TIME ZONE,
    credits_per_period BIGINT                   NOT NULL,
    periods_paid       BIGINT                   NOT NULL,
    last_invoice_id    VARCHAR(255)
);
CREATE INDEX billing_subscription_by_id ON billing_subscription (subscription_id);
