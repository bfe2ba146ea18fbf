-- One event can make two statement rows (a revocation: what was taken back, and what was written off), so a row is
-- keyed by the event's place in the account's stream and its movement within the event (0 first). Rebuilt rather
-- than altered: PostgreSQL and H2 name and drop primary keys differently.
CREATE TABLE credit_ledger_movement (
    user_id         VARCHAR(64)              NOT NULL,
    sequence_number BIGINT                   NOT NULL,
    movement        SMALLINT                 NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    kind            VARCHAR(16)              NOT NULL,
    amount          BIGINT                   NOT NULL,
    source          VARCHAR(32)              NOT NULL,
    reference       VARCHAR(255),
    available_after BIGINT                   NOT NULL,
    reserved_after  BIGINT                   NOT NULL,
    PRIMARY KEY (user_id, sequence_number, movement)
);

INSERT INTO credit_ledger_movement (user_id, sequence_number, movement, occurred_at, kind, amount, source, reference,
                                    available_after, reserved_after)
SELECT user_id, sequence_number, 0, occurred_at, kind, amount, source, reference, available_after, reserved_after
FROM credit_ledger;

DROP TABLE credit_ledger;

ALTER TABLE credit_ledger_movement RENAME TO credit_ledger;
