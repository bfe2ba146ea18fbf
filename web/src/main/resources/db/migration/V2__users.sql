-- Command side: one row per address in use, claimed in the transaction that registers the account.
CREATE TABLE user_email (
    email   VARCHAR(254) NOT NULL PRIMARY KEY,
    user_id VARCHAR(64)  NOT NULL
);

-- Query side: the sign-in lookup (subscribing processor) and the account summary (streaming processor).
CREATE TABLE user_credentials (
    email         VARCHAR(254) NOT NULL PRIMARY KEY,
    user_id       VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL
);

CREATE TABLE account_view (
    id                VARCHAR(64)              NOT NULL PRIMARY KEY,
    email             VARCHAR(254)             NOT NULL,
    role              VARCHAR(16)              NOT NULL,
    credits_available BIGINT                   NOT NULL,
    credits_reserved  BIGINT                   NOT NULL,
    registered_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
