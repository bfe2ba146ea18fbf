-- Every account's statement: one row per movement of its credits, keyed by the event's place in the account's
-- stream (query-side CreditLedgerProjection).
CREATE TABLE credit_ledger (
    user_id         VARCHAR(64)              NOT NULL,
    sequence_number BIGINT                   NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    kind            VARCHAR(16)              NOT NULL,
    amount          BIGINT                   NOT NULL,
    source          VARCHAR(32)              NOT NULL,
    reference       VARCHAR(255),
    available_after BIGINT                   NOT NULL,
    reserved_after  BIGINT                   NOT NULL,
    PRIMARY KEY (user_id, sequence_number)
);
