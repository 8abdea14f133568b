-- The live WebSocket connections of every server process (the installation's presence list): for the limit of
-- connections per account across processes, and for whether an event goes to a WebSocket rather than a webhook.
-- A process marks its rows alive (heartbeat_at, epoch ms) every 15 s and deletes them when a connection closes; a row
-- not marked for 60 s belongs to a process that died and counts for nothing (any process deletes it). The key's reach
-- (key_pod_id, key_inbox_id) is kept so that whether a row hears an event needs no other table. inbox_ids and
-- event_types are lists, one value a line; all_inboxes / all_types stand for "every one" (the lists are then NULL).
CREATE TABLE event_subscribers (
    id           VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    instance_id  VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    account_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    key_id       VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    key_pod_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
    key_inbox_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
    all_inboxes  BOOLEAN NOT NULL,
    inbox_ids    MEDIUMTEXT CHARACTER SET ascii COLLATE ascii_bin NULL,
    all_types    BOOLEAN NOT NULL,
    event_types  VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
    heartbeat_at BIGINT NOT NULL,
    PRIMARY KEY (id),
    -- An account's live connections: counted under the account's row lock, read for each event delivered.
    INDEX ix_event_subscribers_account (account_id, heartbeat_at),
    -- A process's own connections, marked alive together.
    INDEX ix_event_subscribers_instance (instance_id),
    -- The dead ones, oldest first.
    INDEX ix_event_subscribers_heartbeat (heartbeat_at),
    CONSTRAINT fk_event_subscribers_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);
