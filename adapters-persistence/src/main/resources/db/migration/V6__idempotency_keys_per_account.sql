-- An Idempotency-Key belongs to the account, not to the inbox a send was made from: the key is (account_id, idem_key).
-- Where two inboxes of an account held one key, the latest send keeps it (the lower inbox id on a tie), since only the
-- latest can still be within its 24 hours; the others are forgotten. inbox_id stays, so that deleting an inbox still
-- deletes the sends made from it, and so that a send repeated from another inbox is told apart.
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

-- Grouping, then joining on the old primary key (account_id, inbox_id, idem_key): each step reads the rows once, where a
-- correlated "no later row exists" would scan an account's rows for every row.
INSERT INTO idempotency_keys (account_id, idem_key, inbox_id, fingerprint, message_id, created_at)
SELECT s.account_id, s.idem_key, s.inbox_id, s.fingerprint, s.message_id, s.created_at
FROM idempotent_sends s
JOIN (SELECT latest_send.account_id, latest_send.idem_key, MIN(latest_send.inbox_id) AS inbox_id
      FROM idempotent_sends latest_send
      JOIN (SELECT account_id, idem_key, MAX(created_at) AS created_at
            FROM idempotent_sends
            GROUP BY account_id, idem_key) latest
        ON latest.account_id = latest_send.account_id AND latest.idem_key = latest_send.idem_key
       AND latest.created_at = latest_send.created_at
      GROUP BY latest_send.account_id, latest_send.idem_key) keeper
  ON keeper.account_id = s.account_id AND keeper.inbox_id = s.inbox_id AND keeper.idem_key = s.idem_key;

DROP TABLE idempotent_sends;
