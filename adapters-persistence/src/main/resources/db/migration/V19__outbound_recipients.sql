-- What became of a sent message for each of its envelope recipients (position 0, 1, ... in to, cc, bcc order):
-- state (queued, deferred, delivered, failed, bounced), the last reply of the recipient's server and which host gave
-- it, and the attempts made. bounce_token is the random part of the recipient's bounce address
-- (bounces+<token>@<sending domain>), the envelope sender of the message to that recipient, so that a report sent
-- back names its message and recipient; recipients in this installation have none (NULL). Rows go with their message.
CREATE TABLE outbound_recipients (
    account_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    message_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    position     INT NOT NULL,
    address      VARCHAR(320) CHARACTER SET utf8mb4 NOT NULL,
    bounce_token CHAR(20) CHARACTER SET ascii COLLATE ascii_bin NULL,
    state        VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    reply        VARCHAR(1000) CHARACTER SET utf8mb4 NULL,
    remote_host  VARCHAR(255) CHARACTER SET utf8mb4 NULL,
    attempts     INT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, message_id, position),
    CONSTRAINT uq_outbound_recipients_token UNIQUE (bounce_token),
    CONSTRAINT fk_outbound_recipients_message FOREIGN KEY (account_id, message_id)
        REFERENCES messages (account_id, id) ON DELETE CASCADE
);

-- Soft bounces reported back per account and address; past OPENMAIL_SOFT_BOUNCE_LIMIT of them the address is
-- suppressed like a hard bounce.
CREATE TABLE soft_bounces (
    account_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    address    VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    bounces    INT NOT NULL,
    last_at    BIGINT NOT NULL,
    PRIMARY KEY (account_id, address),
    CONSTRAINT fk_soft_bounces_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

-- A delivery event's per-recipient results, one line per recipient: state, address and reply separated by tabs
-- (none of them holds a tab or line break). NULL for other events.
ALTER TABLE events ADD COLUMN delivery MEDIUMTEXT CHARACTER SET utf8mb4 NULL;
