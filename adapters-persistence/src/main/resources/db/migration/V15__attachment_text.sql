-- Attachment text: what reading each received attachment gave, the same in the event log's snapshot of it, and the
-- queue of messages whose attachments are still to be read.

-- extraction_method is the wire word of extractionMethod: a method (pdf, ocr, office, csv, text) with its text in
-- parsed_text, or a failure's reason (unsupported, skipped_too_large, ...) with parsed_text NULL. NULL while the
-- attachment has not been read (queued, or stored before this version). parsed_text_truncated: the text was cut at
-- the extraction limit.
ALTER TABLE attachments ADD COLUMN parsed_text LONGTEXT CHARACTER SET utf8mb4 NULL;
ALTER TABLE attachments ADD COLUMN extraction_method VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL;
ALTER TABLE attachments ADD COLUMN parsed_text_truncated BOOLEAN DEFAULT FALSE NOT NULL;

-- An event carries what was known of each attachment when it was recorded.
ALTER TABLE event_attachments ADD COLUMN parsed_text LONGTEXT CHARACTER SET utf8mb4 NULL;
ALTER TABLE event_attachments ADD COLUMN extraction_method VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL;
ALTER TABLE event_attachments ADD COLUMN parsed_text_truncated BOOLEAN DEFAULT FALSE NOT NULL;

-- One job per received message whose attachments are still to be read; its message.received event waits for it
-- (event_recorded: the event is recorded, by the worker that finished or past the deadline; it is flipped by a
-- conditional UPDATE in the event's transaction, so the event is recorded once). A worker claims a job by setting
-- claimed_until to the end of its lease and counting an attempt; a job is free again when claimed_until is NULL or
-- in the past, so the claim of a process that died runs out and another process resumes the job. It goes with its
-- message.
CREATE TABLE attachment_extractions (
    account_id     VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    message_id     VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at     BIGINT NOT NULL,
    attempts       INT NOT NULL,
    claimed_until  BIGINT NULL,
    event_recorded BOOLEAN NOT NULL,
    PRIMARY KEY (account_id, message_id),
    -- Claiming and the deadline read the jobs oldest first; InnoDB appends the primary key, the claiming order.
    INDEX ix_attachment_extractions_created (created_at),
    CONSTRAINT fk_attachment_extractions_message FOREIGN KEY (account_id, message_id)
        REFERENCES messages (account_id, id) ON DELETE CASCADE
);
