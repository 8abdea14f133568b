-- Mail: threads of an inbox, their messages, and the messages' attachments. Deleting an inbox deletes all three.
-- Text that comes from a message (addresses, subjects, bodies, header values) is utf8mb4 and has no length limit of
-- ours: MEDIUMTEXT (16 MB) for header values, LONGTEXT for bodies, LONGBLOB for bytes. Lists of header values (cc,
-- references) are stored newline-joined; NULL is the empty list, so that a list of one empty value survives too.
-- Nothing below is compared in SQL by a text collation: exact comparisons (a Message-ID, an attachment's file name)
-- are made in Java on the rows an index finds, since utf8mb4's default collations ignore case, accents and trailing
-- spaces.

CREATE TABLE threads (
    account_id      VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id              VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    pod_id          VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    inbox_id        VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    subject         MEDIUMTEXT CHARACTER SET utf8mb4 NOT NULL,
    is_read         BOOLEAN NOT NULL,
    last_message_at BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    message_count   INT NOT NULL,
    PRIMARY KEY (account_id, id),
    -- Only for the foreign key below, which makes a message's thread one of the message's own inbox.
    CONSTRAINT uq_threads_inbox UNIQUE (account_id, id, inbox_id),
    -- An inbox's threads, latest message first (read backwards); the second with the read filter.
    INDEX ix_threads_inbox (account_id, inbox_id, last_message_at, id),
    INDEX ix_threads_inbox_read (account_id, inbox_id, is_read, last_message_at, id),
    CONSTRAINT fk_threads_inbox FOREIGN KEY (account_id, inbox_id)
        REFERENCES inboxes (account_id, id) ON DELETE CASCADE
);

-- raw is the message exactly as received or sent. rfc_message_id_hash is the lower-case hex SHA-256 of the UTF-8 bytes
-- of rfc_message_id (NULL when it is): Message-IDs have no length limit, so the index holds their hashes.
CREATE TABLE messages (
    account_id          VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id                  VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    pod_id              VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    inbox_id            VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    thread_id           VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    direction           VARCHAR(16) CHARACTER SET ascii NOT NULL,
    status              VARCHAR(16) CHARACTER SET ascii NOT NULL,
    from_addr           MEDIUMTEXT CHARACTER SET utf8mb4 NOT NULL,
    to_addr             MEDIUMTEXT CHARACTER SET utf8mb4 NOT NULL,
    header_to           MEDIUMTEXT CHARACTER SET utf8mb4 NULL,
    delivery_role       VARCHAR(8) CHARACTER SET ascii NULL,
    cc                  MEDIUMTEXT CHARACTER SET utf8mb4 NULL,
    subject             MEDIUMTEXT CHARACTER SET utf8mb4 NOT NULL,
    body_text           LONGTEXT CHARACTER SET utf8mb4 NULL,
    body_html           LONGTEXT CHARACTER SET utf8mb4 NULL,
    rfc_message_id      MEDIUMTEXT CHARACTER SET utf8mb4 NULL,
    rfc_message_id_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    in_reply_to         MEDIUMTEXT CHARACTER SET utf8mb4 NULL,
    references_header   MEDIUMTEXT CHARACTER SET utf8mb4 NULL,
    raw                 LONGBLOB NOT NULL,
    created_at          BIGINT NOT NULL,
    PRIMARY KEY (account_id, id),
    -- An inbox's messages, newest first (read backwards); the second with the direction filter.
    INDEX ix_messages_inbox (account_id, inbox_id, created_at, id),
    INDEX ix_messages_inbox_direction (account_id, inbox_id, direction, created_at, id),
    -- A thread's messages, oldest first; a thread has one inbox, so inbox_id does not disturb the order. It also
    -- serves the thread foreign key, whose columns an index must lead with in this order.
    INDEX ix_messages_thread (account_id, thread_id, inbox_id, created_at, id),
    -- Threading: which message of an inbox has a given Message-ID.
    INDEX ix_messages_rfc_id (account_id, inbox_id, rfc_message_id_hash),
    CONSTRAINT fk_messages_inbox FOREIGN KEY (account_id, inbox_id)
        REFERENCES inboxes (account_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_messages_thread FOREIGN KEY (account_id, thread_id, inbox_id)
        REFERENCES threads (account_id, id, inbox_id) ON DELETE CASCADE
);

-- A message's attachments in the order of its MIME parts (position 0, 1, ...). File names may repeat.
CREATE TABLE attachments (
    account_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    message_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    position     INT NOT NULL,
    filename     MEDIUMTEXT CHARACTER SET utf8mb4 NOT NULL,
    content_type MEDIUMTEXT CHARACTER SET utf8mb4 NOT NULL,
    size_bytes   BIGINT NOT NULL,
    content      LONGBLOB NOT NULL,
    PRIMARY KEY (account_id, message_id, position),
    CONSTRAINT fk_attachments_message FOREIGN KEY (account_id, message_id)
        REFERENCES messages (account_id, id) ON DELETE CASCADE
);
