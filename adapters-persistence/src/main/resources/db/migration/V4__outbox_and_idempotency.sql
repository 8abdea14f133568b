-- Sending: the outbox of sent messages still to be handed to the relay, and the sends made under an Idempotency-Key.
-- Both go with what they belong to: deleting a message (with its inbox) deletes its outbox entry and the sends that
-- name it; deleting an inbox deletes the sends made from it.

-- One entry per message. recipients are the envelope recipients outside this installation, newline-joined (NULL is
-- the empty list), as V3 stores lists. A worker claims an entry by setting claimed_until to the end of its lease; an
-- entry is free again when claimed_until is NULL (never claimed, or rescheduled) or in the past.
CREATE TABLE outbox (
    account_id      VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    message_id      VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    envelope_from   MEDIUMTEXT CHARACTER SET utf8mb4 NOT NULL,
    recipients      MEDIUMTEXT CHARACTER SET utf8mb4 NULL,
    attempts        INT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    claimed_until   BIGINT NULL,
    last_error      TEXT CHARACTER SET utf8mb4 NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (account_id, message_id),
    -- Claiming reads the due entries of every account, oldest due first. InnoDB appends the primary key to this
    -- index, so (next_attempt_at, account_id, message_id), the claiming order, is the index's own order.
    INDEX ix_outbox_due (next_attempt_at),
    CONSTRAINT fk_outbox_message FOREIGN KEY (account_id, message_id)
        REFERENCES messages (account_id, id) ON DELETE CASCADE
);

-- idem_key is compared exactly (ascii_bin); fingerprint is the lower-case hex SHA-256 of the request, so that a repeat
-- with another body is told apart from a replay.
CREATE TABLE idempotent_sends (
    account_id  VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    inbox_id    VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    idem_key    VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    fingerprint CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    message_id  VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, inbox_id, idem_key),
    -- For the message foreign key, whose columns an index must lead with; named here so that every engine has it.
    INDEX ix_idempotent_sends_message (account_id, message_id),
    CONSTRAINT fk_idempotent_sends_inbox FOREIGN KEY (account_id, inbox_id)
        REFERENCES inboxes (account_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_idempotent_sends_message FOREIGN KEY (account_id, message_id)
        REFERENCES messages (account_id, id) ON DELETE CASCADE
);
