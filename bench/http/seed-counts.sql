-- Run after seed.sql on a schema that keeps inbox counts (migration V5 and later). ANALYZE TABLE in seed.sql comes
-- first: without statistics the counting subqueries below scan whole accounts for every pod.
UPDATE accounts SET inbox_count = (SELECT COUNT(*) FROM inboxes WHERE inboxes.account_id = accounts.id);
UPDATE pods SET inbox_count = (SELECT COUNT(*) FROM inboxes
                               WHERE inboxes.account_id = pods.account_id AND inboxes.pod_id = pods.id);

ANALYZE TABLE accounts, pods, inboxes;
