-- Suppression lists: one row per account and address (lower-cased), its type (bounce, complaint, unsub) and the pod
-- whose mail caused it (NULL for one the account added). The pod decides only who may read the row, so the row stays
-- when its pod is deleted: the address still bounces.
CREATE TABLE suppressions (
    account_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    address    VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    pod_id     VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
    suppression_type VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    reason     VARCHAR(1000) CHARACTER SET utf8mb4 NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, address),
    CONSTRAINT fk_suppressions_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE INDEX ix_suppressions_newest ON suppressions (account_id, created_at, address);
