-- A row that a transaction holds while it checks a rule (twenty keys per holder, a domain's scope, a pod's contents)
-- is written, not only locked: the holder adds one to lock_seq. On one database the write locks the row as
-- SELECT ... FOR UPDATE does. On a Galera cluster a lock taken on one node does not hold back a writer on another, but
-- two transactions that wrote the same row conflict when the cluster certifies their commits, and the later one is
-- rolled back and run again.
ALTER TABLE accounts ADD COLUMN lock_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pods ADD COLUMN lock_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE inboxes ADD COLUMN lock_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE domains ADD COLUMN lock_seq BIGINT NOT NULL DEFAULT 0;
