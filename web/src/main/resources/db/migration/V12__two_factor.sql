-- Two-factor sign-in (RFC 6238 TOTP). user_totp is kept by the subscribing "access" processor from TotpEnabled /
-- TotpDisabled; last_step (the last accepted 30-second step) is written by the edge so a code works only once.
CREATE TABLE user_totp (
    user_id           VARCHAR(64)              NOT NULL PRIMARY KEY,
    secret_ciphertext VARCHAR(512)             NOT NULL,
    enabled_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_step         BIGINT
);

-- Enrolments not yet confirmed with a first code: the edge's scratch space, not domain state.
CREATE TABLE totp_enrolment (
    user_id           VARCHAR(64)              NOT NULL PRIMARY KEY,
    secret_ciphertext VARCHAR(512)             NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
