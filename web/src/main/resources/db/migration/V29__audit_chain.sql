-- The audit hash chain (docs/audit.md, docs/decisions/0032-audit-hash-chain.md): every stored event sealed in global
-- order behind the appends. audit_seal keeps, per sealed position, the event's digest when sealed and the chain's seal
-- through it, so a verifier names the first position that no longer matches. audit_chain_head is the one row sealers
-- lock to take turns (seal NULL: nothing sealed yet). audit_checkpoint holds the signed heads (Ed25519), stored as
-- text exactly as they are signed and exported.
CREATE TABLE audit_seal (
    position     BIGINT NOT NULL PRIMARY KEY,
    event_digest BYTEA  NOT NULL,
    seal         BYTEA  NOT NULL
);

CREATE TABLE audit_chain_head (
    id           SMALLINT NOT NULL PRIMARY KEY,
    position     BIGINT   NOT NULL,
    seal         BYTEA,
    sealed_count BIGINT   NOT NULL
);

INSERT INTO audit_chain_head (id, position, seal, sealed_count) VALUES (1, 0, NULL, 0);

CREATE TABLE audit_checkpoint (
    position     BIGINT       NOT NULL PRIMARY KEY,
    seal         VARCHAR(64)  NOT NULL,
    sealed_count BIGINT       NOT NULL,
    created_at   VARCHAR(40)  NOT NULL,
    public_key   VARCHAR(128) NOT NULL,
    signature    VARCHAR(128) NOT NULL
);
