-- Sender rules: block and allow rules by address or domain, per account (pod_id NULL) or per pod, each level's
-- filter mode, and how many messages each rule filtered per day.

-- scope_key is the pod's id, or '' for an account-wide rule: a unique key with a NULL column would not refuse a
-- duplicate, so the level is kept in a NOT NULL column too. Rules go with their pod.
CREATE TABLE sender_rules (
    account_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id         VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    pod_id     VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
    scope_key  VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    rule_type  VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    rule_value VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, id),
    CONSTRAINT uq_sender_rules_value UNIQUE (account_id, scope_key, rule_type, rule_value),
    CONSTRAINT fk_sender_rules_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT fk_sender_rules_pod FOREIGN KEY (account_id, pod_id) REFERENCES pods (account_id, id)
        ON DELETE CASCADE
);

-- The filter mode set for the account (scope_key '') or for one pod; no row means none (a pod without a row takes
-- the account's mode).
CREATE TABLE sender_filter_modes (
    account_id  VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    scope_key   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    pod_id      VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
    filter_mode VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (account_id, scope_key),
    CONSTRAINT fk_sender_filter_modes_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT fk_sender_filter_modes_pod FOREIGN KEY (account_id, pod_id) REFERENCES pods (account_id, id)
        ON DELETE CASCADE
);

-- Messages each rule filtered, per UTC day (epoch day); the rows go with their rule.
CREATE TABLE sender_rule_hits (
    account_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    rule_id    VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    hit_day    INT NOT NULL,
    hits       BIGINT NOT NULL,
    PRIMARY KEY (account_id, rule_id, hit_day),
    CONSTRAINT fk_sender_rule_hits_rule FOREIGN KEY (account_id, rule_id) REFERENCES sender_rules (account_id, id)
        ON DELETE CASCADE
);
