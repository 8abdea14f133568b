-- Storage usage and quotas. What a copy of a message counts is its raw bytes plus the decoded bytes of its
-- attachments (both are stored). The counters move only by atomic increments in the transaction of the mail that
-- changes them; an inbox's row goes with the inbox, and deleting an inbox takes its bytes off its account's row.

-- The operator's storage quota for the account in bytes (0: none); NULL takes OPENMAIL_ACCOUNT_STORAGE_QUOTA.
ALTER TABLE accounts ADD COLUMN storage_quota_bytes BIGINT NULL;

CREATE TABLE inbox_usage (
    account_id        VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    inbox_id          VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    inbound_messages  BIGINT NOT NULL,
    outbound_messages BIGINT NOT NULL,
    stored_bytes      BIGINT NOT NULL,
    PRIMARY KEY (account_id, inbox_id),
    CONSTRAINT fk_inbox_usage_inbox FOREIGN KEY (account_id, inbox_id)
        REFERENCES inboxes (account_id, id) ON DELETE CASCADE
);

CREATE TABLE account_usage (
    account_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    stored_bytes BIGINT NOT NULL,
    PRIMARY KEY (account_id),
    CONSTRAINT fk_account_usage_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

-- The counters of the mail already stored.
INSERT INTO inbox_usage (account_id, inbox_id, inbound_messages, outbound_messages, stored_bytes)
SELECT i.account_id, i.id,
       (SELECT COUNT(*) FROM messages m
         WHERE m.account_id = i.account_id AND m.inbox_id = i.id AND m.direction = 'inbound'),
       (SELECT COUNT(*) FROM messages m
         WHERE m.account_id = i.account_id AND m.inbox_id = i.id AND m.direction = 'outbound'),
       COALESCE((SELECT SUM(OCTET_LENGTH(m.raw)) FROM messages m
                  WHERE m.account_id = i.account_id AND m.inbox_id = i.id), 0)
     + COALESCE((SELECT SUM(a.size_bytes) FROM attachments a JOIN messages m
                        ON m.account_id = a.account_id AND m.id = a.message_id
                  WHERE m.account_id = i.account_id AND m.inbox_id = i.id), 0)
FROM inboxes i;

INSERT INTO account_usage (account_id, stored_bytes)
SELECT a.id, COALESCE((SELECT SUM(u.stored_bytes) FROM inbox_usage u WHERE u.account_id = a.id), 0)
FROM accounts a;
