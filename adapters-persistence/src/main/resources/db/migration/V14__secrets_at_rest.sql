-- Webhook secrets are stored encrypted (enc:v1:<key id>:<base64 of nonce, ciphertext and tag>), longer than the
-- secret itself; DKIM private keys are TEXT already. The server encrypts the values at start (SecretsReencryption).
-- H2 takes no NULL or NOT NULL after a MODIFY's collation, so the account's secret keeps NOT NULL as a CHECK.
ALTER TABLE inboxes MODIFY webhook_secret VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin;
ALTER TABLE account_webhooks MODIFY secret VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin;
ALTER TABLE account_webhooks ADD CONSTRAINT ck_account_webhooks_secret CHECK (secret IS NOT NULL);
