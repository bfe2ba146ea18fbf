-- Devices (user agent and address, hashed) an account has signed in from, so a sign-in from a new one can be
-- mailed to the owner. Operational data of the edge, like refresh tokens (docs/decisions/0012).
CREATE TABLE known_device (
    user_id       VARCHAR(64)              NOT NULL,
    device_hash   VARCHAR(64)              NOT NULL,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, device_hash)
);
