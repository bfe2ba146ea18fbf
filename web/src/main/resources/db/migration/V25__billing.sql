-- Which Stripe customer pays for which account: one each, claimed in the transaction that appends
-- BillingCustomerCreated (command-side BillingCustomers).
CREATE TABLE billing_customer (
    user_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    customer_id VARCHAR(255) NOT NULL UNIQUE
);

-- Every Stripe event delivered to the webhook endpoint, recorded once by its id before it is acknowledged, then
-- handled by whichever node claims it (docs/decisions/0029-stripe-inbox.md).
CREATE TABLE stripe_event_inbox (
    event_id      VARCHAR(255)             NOT NULL PRIMARY KEY,
    type          VARCHAR(255)             NOT NULL,
    payload       TEXT                     NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    state         VARCHAR(16)              NOT NULL, -- received, handled, ignored, failed
    attempts      INTEGER                  NOT NULL DEFAULT 0,
    claimed_until TIMESTAMP WITH TIME ZONE,
    next_attempt  TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome       VARCHAR(1000)
);
CREATE INDEX stripe_event_inbox_due ON stripe_event_inbox (state, next_attempt);
