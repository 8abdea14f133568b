-- Cold outreach and the operator's send limits per account.

-- Who has written to each inbox: the From address (lower case) of every inbound message it has filed, once. A send's
-- recipient found here is warm for that inbox and passes the cold-outreach caps. Rows are added with INSERT IGNORE, which
-- MySQL, MariaDB and H2 (MySQL mode) all take, so that mail from a known correspondent changes nothing. Addresses
-- longer than 254 characters (RFC 5321's limit) are not kept: mail cannot be sent to them.
CREATE TABLE correspondents (
    account_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    inbox_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    address    VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (account_id, inbox_id, address),
    CONSTRAINT fk_correspondents_inbox FOREIGN KEY (account_id, inbox_id) REFERENCES inboxes (account_id, id)
        ON DELETE CASCADE
);

-- The correspondents of the mail already received.
INSERT IGNORE INTO correspondents (account_id, inbox_id, address)
SELECT DISTINCT account_id, inbox_id, LOWER(TRIM(from_addr))
  FROM messages
 WHERE direction = 'inbound' AND CHAR_LENGTH(TRIM(from_addr)) BETWEEN 1 AND 254;

-- Sends counted per account rather than per inbox (window_kind 'cold': cold recipients of a UTC day, window_start in
-- epoch millis). Like send_counts (which holds each inbox's cold count under the same kind), a count is a conditional
-- UPDATE (sent + n <= cap) in the send's transaction, and each account keeps only its current window of each kind.
CREATE TABLE account_send_counts (
    account_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    window_kind  VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    window_start BIGINT NOT NULL,
    sent         INT NOT NULL,
    PRIMARY KEY (account_id, window_kind, window_start),
    CONSTRAINT fk_account_send_counts_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

-- The operator's send limits for an account, each in place of the server's setting: NULL keeps the setting, 0 is no
-- cap. An account without a row has the settings.
CREATE TABLE account_send_limits (
    account_id           VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    burst_per_minute     INT NULL,
    daily_per_inbox      INT NULL,
    cold_per_inbox_new   INT NULL,
    cold_per_account_new INT NULL,
    cold_per_account     INT NULL,
    PRIMARY KEY (account_id),
    CONSTRAINT fk_account_send_limits_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);
