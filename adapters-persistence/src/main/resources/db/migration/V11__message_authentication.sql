-- What SPF, DKIM and DMARC said of a message received over SMTP: an RFC 8601 result word each (pass, fail, softfail,
-- neutral, none, temperror, permerror). NULL for sent mail and for mail stored before the checks existed. The event
-- log's snapshot of a message carries the same three.
ALTER TABLE messages ADD COLUMN auth_spf VARCHAR(16) NULL;
ALTER TABLE messages ADD COLUMN auth_dkim VARCHAR(16) NULL;
ALTER TABLE messages ADD COLUMN auth_dmarc VARCHAR(16) NULL;
