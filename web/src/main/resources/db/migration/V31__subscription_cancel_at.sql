-- When a subscription ends, once a cancellation at the period's end is scheduled (SubscriptionChanged).
ALTER TABLE billing_subscription ADD COLUMN cancel_at TIMESTAMP WITH TIME ZONE;
