-- Webhooks: the delivery of each event to a webhook, the log of what each attempt came to, and each account's own
-- webhook for its inboxes that have none.

-- One row per event, written in the transaction that records the event, so that no event goes undelivered. status is
-- pending (due at next_attempt_at), delivered, failed or websocket (heard by a WebSocket subscription, not posted). A
-- worker claims a pending row by setting claimed_until to the end of its lease; the row is free again when
-- claimed_until is NULL or past. The row goes with its event (expired, or deleted with its inbox).
CREATE TABLE webhook_deliveries (
    event_id        VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    account_id      VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    inbox_id        VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    status          VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    attempts        INT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    claimed_until   BIGINT NULL,
    PRIMARY KEY (event_id),
    -- Claiming reads the pending rows of every account, oldest due first, in this index's order.
    INDEX ix_webhook_deliveries_due (status, next_attempt_at, event_id),
    CONSTRAINT fk_webhook_deliveries_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
);

-- The delivery log: one row per POST (attempt 1..5, or a test), or per decision not to post (attempt 0: a WebSocket
-- heard the event, or there was no webhook). inbox_id is NULL for a test of the account's webhook. Rows go with their
-- inbox, and the server removes rows older than the event retention.
CREATE TABLE webhook_attempts (
    id            BIGINT NOT NULL AUTO_INCREMENT,
    account_id    VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    inbox_id      VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
    event_id      VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    event_type    VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    attempt       INT NOT NULL,
    attempted_at  BIGINT NOT NULL,
    url           VARCHAR(2048) CHARACTER SET utf8mb4 NULL,
    status_code   INT NOT NULL,
    error         TEXT CHARACTER SET utf8mb4 NULL,
    latency_ms    BIGINT NOT NULL,
    outcome       VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (id),
    -- An account's log and an inbox's log, newest first.
    INDEX ix_webhook_attempts_account (account_id, id),
    INDEX ix_webhook_attempts_inbox (account_id, inbox_id, id),
    -- The expired rows, oldest first.
    INDEX ix_webhook_attempts_at (attempted_at, id),
    CONSTRAINT fk_webhook_attempts_inbox FOREIGN KEY (account_id, inbox_id)
        REFERENCES inboxes (account_id, id) ON DELETE CASCADE
);

-- The account's webhook: its URL and the secret that signs what is posted to it.
CREATE TABLE account_webhooks (
    account_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    url        VARCHAR(2048) CHARACTER SET utf8mb4 NOT NULL,
    secret     VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (account_id),
    CONSTRAINT fk_account_webhooks_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);
