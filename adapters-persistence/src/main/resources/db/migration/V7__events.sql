-- The event log: what happened to messages (received, sent, delivered, failed), each written in the transaction of
-- the change it reports. position is the order of writing across the installation, which processes follow the log
-- by; an account's events are read by (account_id, position). The message is kept as it was when the event occurred
-- (the payload's "message"), so that what is told later is what happened then. Deleting an inbox deletes its events;
-- the server removes events older than its retention (OPENMAIL_EVENT_RETENTION) in small batches by occurred_at.
CREATE TABLE events (
    position       BIGINT NOT NULL AUTO_INCREMENT,
    id             VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    event_type     VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    account_id     VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    pod_id         VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    inbox_id       VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    thread_id      VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    message_id     VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    occurred_at    BIGINT NOT NULL,
    rfc_message_id MEDIUMTEXT CHARACTER SET utf8mb4 NULL,
    from_addr      MEDIUMTEXT CHARACTER SET utf8mb4 NOT NULL,
    to_addr        MEDIUMTEXT CHARACTER SET utf8mb4 NOT NULL,
    cc             MEDIUMTEXT CHARACTER SET utf8mb4 NULL,
    subject        MEDIUMTEXT CHARACTER SET utf8mb4 NOT NULL,
    body_text      LONGTEXT CHARACTER SET utf8mb4 NULL,
    received_at    BIGINT NOT NULL,
    PRIMARY KEY (position),
    CONSTRAINT uq_events_id UNIQUE (id),
    -- An account's events in the order written, after a given one.
    INDEX ix_events_account (account_id, position),
    -- The expired events, oldest first.
    INDEX ix_events_occurred (occurred_at, position),
    -- For the foreign key, whose columns an index must lead with.
    INDEX ix_events_inbox (account_id, inbox_id),
    CONSTRAINT fk_events_inbox FOREIGN KEY (account_id, inbox_id)
        REFERENCES inboxes (account_id, id) ON DELETE CASCADE
);

-- The attachments of an event's message in the order of its MIME parts (position 0, 1, ...); their download URL is
-- made from the message id and file name by whoever delivers the event. They go with their event.
CREATE TABLE event_attachments (
    event_id     VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    position     INT NOT NULL,
    filename     MEDIUMTEXT CHARACTER SET utf8mb4 NOT NULL,
    content_type MEDIUMTEXT CHARACTER SET utf8mb4 NOT NULL,
    size_bytes   BIGINT NOT NULL,
    PRIMARY KEY (event_id, position),
    CONSTRAINT fk_event_attachments_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
);
