-- The last accepted two-factor step (a code works only once) is written by the edge, not derived from events: it
-- moves to a table of its own, so that rebuilding user_totp from the event store (audit replay) keeps it.
CREATE TABLE user_totp_step (
    user_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    last_step BIGINT      NOT NULL
);
INSERT INTO user_totp_step (user_id, last_step) SELECT user_id, last_step FROM user_totp WHERE last_step IS NOT NULL;
ALTER TABLE user_totp DROP COLUMN last_step;
