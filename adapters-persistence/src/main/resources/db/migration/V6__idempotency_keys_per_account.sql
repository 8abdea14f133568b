-- An Idempotency-Key belongs to the account, not to the inbox a send was made from: the same key from another inbox of
-- the account names the same request. The table is rebuilt under the key (account_id, idem_key). Where two inboxes of
-- an account held one key, the earlier send keeps it (the lower inbox id on a tie); the later one is forgotten, as it
-- would be a day on anyway. inbox_id stays, so that deleting an inbox still deletes the sends made from it.
CREATE TABLE idempotency_keys (
    account_id  VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    idem_key    VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    inbox_id    VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    fingerprint CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    message_id  VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, idem_key),
    -- For the foreign keys, whose columns an index must lead with; named here so that every engine has them.
    INDEX ix_idempotency_keys_inbox (account_id, inbox_id),
    INDEX ix_idempotency_keys_message (account_id, message_id),
    CONSTRAINT fk_idempotency_keys_inbox FOREIGN KEY (account_id, inbox_id)
        REFERENCES inboxes (account_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_idempotency_keys_message FOREIGN KEY (account_id, message_id)
        REFERENCES messages (account_id, id) ON DELETE CASCADE
);

INSERT INTO idempotency_keys (account_id, idem_key, inbox_id, fingerprint, message_id, created_at)
SELECT s.account_id, s.idem_key, s.inbox_id, s.fingerprint, s.message_id, s.created_at
FROM idempotent_sends s
WHERE NOT EXISTS (SELECT 1 FROM idempotent_sends earlier
                  WHERE earlier.account_id = s.account_id AND earlier.idem_key = s.idem_key
                    AND (earlier.created_at < s.created_at
                         OR earlier.created_at = s.created_at AND earlier.inbox_id < s.inbox_id));

DROP TABLE idempotent_sends;
