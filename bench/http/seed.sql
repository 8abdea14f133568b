-- The data set of bench/http/run.sh, for MariaDB 10.11+ (it uses the SEQUENCE engine's seq_1_to_N tables).
-- The server has created the schema and the bench account (the one holding the key in @bench_key). Added here:
--   999 more accounts, each with its default pod;
--   100,000 pods in all: 10,000 in the bench account (tenant-1 .. tenant-9999 and its default pod), 90,000 spread
--   evenly over the other 999 accounts;
--   1,000,000 inboxes in all: 100,000 (10%) in the bench account, of which 50,000 in pod tenant-1 (for deep pages) and
--   50,000 spread over its other pods; 900,000 spread evenly over the other accounts' 90,000 pods.
-- Seeded ids are well-formed (a type prefix and 26 digits) and sort before ids the server makes.

SET @big := (SELECT account_id FROM api_keys WHERE token_hash = SHA2(@bench_key, 256));
SET @t0 := 1700000000000;
UPDATE accounts SET inbox_limit = 1000000 WHERE id = @big;

INSERT INTO accounts (id, name, inbox_limit, created_at)
SELECT CONCAT('acc_', LPAD(seq, 26, '0')), CONCAT('Account ', seq), 100000, @t0 + seq
FROM seq_1_to_999;

INSERT INTO pods (account_id, id, client_id, name, is_default, created_at)
SELECT CONCAT('acc_', LPAD((seq - 1) % 999 + 1, 26, '0')), CONCAT('pod_', LPAD(seq, 26, '0')),
       IF(seq <= 999, NULL, CONCAT('tenant-', seq)), IF(seq <= 999, 'Default', CONCAT('Tenant ', seq)),
       seq <= 999, @t0 + seq
FROM seq_1_to_90000;

INSERT INTO pods (account_id, id, client_id, name, is_default, created_at)
SELECT @big, CONCAT('pod_', LPAD(100000 + seq, 26, '0')), CONCAT('tenant-', seq), CONCAT('Tenant ', seq), FALSE,
       @t0 + 100000 + seq
FROM seq_1_to_9999;

INSERT INTO inboxes (account_id, id, pod_id, domain_id, address, display_name, created_at)
SELECT CONCAT('acc_', LPAD(((seq - 1) % 90000) % 999 + 1, 26, '0')), CONCAT('inb_', LPAD(seq, 26, '0')),
       CONCAT('pod_', LPAD((seq - 1) % 90000 + 1, 26, '0')), NULL, CONCAT('inbox-', seq, '@openmail.localhost'),
       CONCAT('Inbox ', seq), @t0 + seq
FROM seq_1_to_900000;

INSERT INTO inboxes (account_id, id, pod_id, domain_id, address, display_name, created_at)
SELECT @big, CONCAT('inb_', LPAD(1000000 + seq, 26, '0')),
       CONCAT('pod_', LPAD(IF(seq <= 50000, 100001, 100002 + (seq - 50001) % 9998), 26, '0')), NULL,
       CONCAT('bench-', seq, '@openmail.localhost'), CONCAT('Bench inbox ', seq), @t0 + 1000000 + seq
FROM seq_1_to_100000;

ANALYZE TABLE accounts, pods, inboxes;
