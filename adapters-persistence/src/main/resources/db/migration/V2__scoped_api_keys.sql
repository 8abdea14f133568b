-- A key reaches its whole account (pod_id and inbox_id NULL), one pod (pod_id), or one inbox (inbox_id, with pod_id
-- naming the inbox's pod). Revoking a key deletes its row; deleting a pod or an inbox deletes the keys confined to it.
ALTER TABLE api_keys ADD COLUMN pod_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL;
ALTER TABLE api_keys ADD COLUMN inbox_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL;
ALTER TABLE api_keys ADD COLUMN last_used_at BIGINT NULL;
CREATE INDEX ix_api_keys_holder ON api_keys (account_id, pod_id, inbox_id, created_at, id);
ALTER TABLE api_keys ADD CONSTRAINT fk_api_keys_pod FOREIGN KEY (account_id, pod_id)
    REFERENCES pods (account_id, id) ON DELETE CASCADE;
ALTER TABLE api_keys ADD CONSTRAINT fk_api_keys_inbox FOREIGN KEY (account_id, inbox_id)
    REFERENCES inboxes (account_id, id) ON DELETE CASCADE;
