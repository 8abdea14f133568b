-- Sends per inbox per window (window_kind 'minute' or 'day', window_start in epoch millis), for the send limits. A
-- send counts itself by a conditional UPDATE (sent < cap) in its own transaction, so every process counts against
-- the same cap; each inbox keeps only its current window of each kind.
CREATE TABLE send_counts (
    account_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    inbox_id     VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    window_kind  VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    window_start BIGINT NOT NULL,
    sent         INT NOT NULL,
    PRIMARY KEY (account_id, inbox_id, window_kind, window_start),
    CONSTRAINT fk_send_counts_inbox FOREIGN KEY (account_id, inbox_id) REFERENCES inboxes (account_id, id)
        ON DELETE CASCADE
);
