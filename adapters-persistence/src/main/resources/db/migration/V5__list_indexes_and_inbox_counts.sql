-- Lists page in the order the API promises (oldest first, id as tie-break; the default pod first) straight from an
-- index, so a page costs the same whether the account holds ten rows or a hundred thousand.
CREATE INDEX ix_inboxes_pod_created ON inboxes (account_id, pod_id, created_at, id);
CREATE INDEX ix_inboxes_created ON inboxes (account_id, created_at, id);
CREATE INDEX ix_pods_listed ON pods (account_id, is_default DESC, created_at, id);
-- Fresh statistics, so that the counts below look each pod up in the new index instead of scanning its account.
ANALYZE TABLE inboxes;

-- The number of inboxes of each account and each pod, kept by the statements that insert and delete inboxes, in the
-- same transaction. The inbox limit and the totals of inbox lists read these instead of counting rows.
ALTER TABLE accounts ADD COLUMN inbox_count INT NOT NULL DEFAULT 0;
ALTER TABLE pods ADD COLUMN inbox_count INT NOT NULL DEFAULT 0;
UPDATE accounts SET inbox_count = (SELECT COUNT(*) FROM inboxes WHERE inboxes.account_id = accounts.id);
UPDATE pods SET inbox_count = (SELECT COUNT(*) FROM inboxes
                               WHERE inboxes.account_id = pods.account_id AND inboxes.pod_id = pods.id);
