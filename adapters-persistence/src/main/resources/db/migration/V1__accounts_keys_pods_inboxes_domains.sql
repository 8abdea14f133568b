-- One schema for MySQL 8, MariaDB 10.11 and H2 in MySQL mode: only their common subset is used.
-- Ids are time-ordered strings, so every primary key below grows at its end.
-- Tenant tables lead their primary keys with account_id: one account's rows sit together in the clustered index. The
-- few unique keys without it (a token hash, an address, a domain name) are unique across the whole installation.
-- Times are epoch milliseconds (UTC) in BIGINT columns: no driver, server or session time zone can shift them, and
-- no driver can drop their fractional part.

CREATE TABLE accounts (
    id          VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name        VARCHAR(510) CHARACTER SET utf8mb4 NULL,
    inbox_limit INT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE api_keys (
    account_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id           VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    token_hash   CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    token_prefix VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    last4        CHAR(4) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name         VARCHAR(510) CHARACTER SET utf8mb4 NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, id),
    CONSTRAINT uq_api_keys_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_keys_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);

CREATE TABLE pods (
    account_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id         VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    client_id  VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
    name       VARCHAR(510) CHARACTER SET utf8mb4 NULL,
    is_default BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, id),
    CONSTRAINT uq_pods_client_id UNIQUE (account_id, client_id),
    CONSTRAINT fk_pods_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);

CREATE TABLE domains (
    account_id       VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id               VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    pod_id           VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
    domain           VARCHAR(253) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    status           VARCHAR(16) CHARACTER SET ascii NOT NULL,
    mx_status        VARCHAR(16) CHARACTER SET ascii NOT NULL,
    spf_status       VARCHAR(16) CHARACTER SET ascii NOT NULL,
    dkim_status      VARCHAR(16) CHARACTER SET ascii NOT NULL,
    ownership_status VARCHAR(16) CHARACTER SET ascii NOT NULL,
    dkim_selector    VARCHAR(63) CHARACTER SET ascii NOT NULL,
    dkim_public_key  TEXT CHARACTER SET ascii NOT NULL,
    dkim_private_key TEXT CHARACTER SET ascii NOT NULL,
    ownership_token  VARCHAR(64) CHARACTER SET ascii NOT NULL,
    created_at       BIGINT NOT NULL,
    verified_at      BIGINT NULL,
    PRIMARY KEY (account_id, id),
    CONSTRAINT uq_domains_domain UNIQUE (domain),
    INDEX ix_domains_pod (account_id, pod_id, id),
    CONSTRAINT fk_domains_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT fk_domains_pod FOREIGN KEY (account_id, pod_id) REFERENCES pods (account_id, id)
);

-- An inbox on a custom domain points at it (domain_id); one on the installation's default domain does not.
CREATE TABLE inboxes (
    account_id     VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id             VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    pod_id         VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    domain_id      VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
    address        VARCHAR(320) CHARACTER SET utf8mb4 NOT NULL,
    display_name   VARCHAR(400) CHARACTER SET utf8mb4 NULL,
    webhook_url    VARCHAR(2048) CHARACTER SET utf8mb4 NULL,
    webhook_secret VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (account_id, id),
    CONSTRAINT uq_inboxes_address UNIQUE (address),
    INDEX ix_inboxes_pod (account_id, pod_id, id),
    INDEX ix_inboxes_domain (account_id, domain_id, pod_id),
    CONSTRAINT fk_inboxes_pod FOREIGN KEY (account_id, pod_id) REFERENCES pods (account_id, id),
    CONSTRAINT fk_inboxes_domain FOREIGN KEY (account_id, domain_id) REFERENCES domains (account_id, id)
);
