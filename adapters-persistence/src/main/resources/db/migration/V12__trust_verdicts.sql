-- Trust verdicts of received mail (issue 14), beside the V11 authentication columns.
-- auth_spoofed_local: the From address is on a domain this installation hosts, yet the message came from an SMTP
-- client without passing DMARC. spam_*: what the optional spam scanner (rspamd) said: spam_status 'scanned' (with
-- score, action and the matched symbols, one per line) or 'unscanned' (with the reason); all NULL without a scanner.
ALTER TABLE messages ADD COLUMN auth_spoofed_local BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE messages ADD COLUMN spam_status VARCHAR(16) NULL;
ALTER TABLE messages ADD COLUMN spam_score DOUBLE NULL;
ALTER TABLE messages ADD COLUMN spam_action VARCHAR(128) NULL;
ALTER TABLE messages ADD COLUMN spam_symbols TEXT NULL;
ALTER TABLE messages ADD COLUMN spam_reason VARCHAR(128) NULL;

-- The event log's snapshot of a message carries the same verdicts as the message (NULL for sent mail).
ALTER TABLE events ADD COLUMN auth_spf VARCHAR(16) NULL;
ALTER TABLE events ADD COLUMN auth_dkim VARCHAR(16) NULL;
ALTER TABLE events ADD COLUMN auth_dmarc VARCHAR(16) NULL;
ALTER TABLE events ADD COLUMN auth_spoofed_local BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE events ADD COLUMN spam_status VARCHAR(16) NULL;
ALTER TABLE events ADD COLUMN spam_score DOUBLE NULL;
ALTER TABLE events ADD COLUMN spam_action VARCHAR(128) NULL;
ALTER TABLE events ADD COLUMN spam_symbols TEXT NULL;
ALTER TABLE events ADD COLUMN spam_reason VARCHAR(128) NULL;

-- An account's choice to drop mail from outside that spoofs a sender on this installation's domains (default: keep
-- it, flagged).
ALTER TABLE accounts ADD COLUMN drop_spoofed_local_mail BOOLEAN DEFAULT FALSE NOT NULL;
