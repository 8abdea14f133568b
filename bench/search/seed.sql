-- The data set of bench/search/run.sh, for MariaDB 10.11+ (the SEQUENCE engine's seq_1_to_N tables). The server has
-- created the schema and the bench account (the one holding the key in @bench_key). Added here: 10 inboxes in its
-- default pod and 100,000 messages spread evenly over them (in runs of seven, so that every query shape has matches in
-- each inbox), one thread each, with their V16 search rows written in
-- the search spelling (lower case, words between single spaces) as the server writes them.
--
-- Bodies are about 60 words of a 30-word office vocabulary, plus the words the queries look for, at known rates:
--   zephyr 0.1%; invoice 10%; overdue 1/7 (so "invoice overdue" ~1.4%); the phrase "payment reminder" 1%, and its
--   words the other way round ("reminder about the payment") in another 1%; an attachment (report-N.pdf, its text
--   "quarterly figures attached") 5%, all of them invoices; an unread thread 1/3; senders user0..user499 at five
--   domains.

SET @big := (SELECT account_id FROM api_keys WHERE token_hash = SHA2(@bench_key, 256));
SET @pod := (SELECT id FROM pods WHERE account_id = @big AND is_default);
SET @t0 := 1700000000000;

INSERT INTO inboxes (account_id, id, pod_id, domain_id, address, display_name, created_at)
SELECT @big, CONCAT('inb_', LPAD(seq, 26, '0')), @pod, NULL, CONCAT('bench-', seq, '@openmail.localhost'),
       CONCAT('Bench ', seq), @t0 + seq
FROM seq_1_to_10;
UPDATE accounts SET inbox_count = inbox_count + 10 WHERE id = @big;
UPDATE pods SET inbox_count = inbox_count + 10 WHERE account_id = @big AND id = @pod;

CREATE TEMPORARY TABLE bench_words (n INT PRIMARY KEY, w VARCHAR(20) NOT NULL);
INSERT INTO bench_words VALUES (0, 'team'), (1, 'review'), (2, 'project'), (3, 'schedule'), (4, 'meeting'),
    (5, 'client'), (6, 'update'), (7, 'status'), (8, 'budget'), (9, 'design'), (10, 'office'), (11, 'travel'),
    (12, 'weekly'), (13, 'notes'), (14, 'customer'), (15, 'support'), (16, 'order'), (17, 'shipping'),
    (18, 'delivery'), (19, 'contract'), (20, 'quarter'), (21, 'sales'), (22, 'draft'), (23, 'agenda'),
    (24, 'summary'), (25, 'policy'), (26, 'training'), (27, 'please'), (28, 'thanks'), (29, 'tomorrow');

-- 997 different bodies of 60 words each
CREATE TEMPORARY TABLE bench_bodies (n INT PRIMARY KEY, words TEXT NOT NULL);
INSERT INTO bench_bodies
SELECT b.seq, GROUP_CONCAT(w.w ORDER BY k.seq SEPARATOR ' ')
FROM seq_0_to_996 b JOIN seq_1_to_60 k JOIN bench_words w ON w.n = (b.seq * 7 + k.seq * k.seq * 13 + k.seq) % 30
GROUP BY b.seq;

CREATE TEMPORARY TABLE bench_mail (
    seq INT PRIMARY KEY, inbox_id VARCHAR(40), subject TEXT, sender TEXT, words TEXT, files BOOLEAN
);
INSERT INTO bench_mail
SELECT s.seq, CONCAT('inb_', LPAD((s.seq DIV 7) % 10 + 1, 26, '0')),
       CONCAT_WS(' ', ELT(1 + s.seq % 6, 'Weekly', 'Question about', 'Update on', 'Notes from', 'Follow up on',
                          'Draft for'),
                 ELT(1 + s.seq % 5, 'the project', 'our meeting', 'your order', 'the quarter', 'next steps'),
                 IF(s.seq % 10 = 0, 'invoice', NULL)),
       CONCAT('user', s.seq % 500, '@', ELT(1 + s.seq % 5, 'acme.com', 'globex.net', 'initech.org', 'umbrella.io',
                                             'hooli.co')),
       CONCAT_WS(' ', b.words,
                 IF(s.seq % 10 = 0, 'invoice', NULL), IF(s.seq % 7 = 0, 'overdue', NULL),
                 IF(s.seq % 1000 = 0, 'zephyr', NULL), IF(s.seq % 100 = 3, 'payment reminder', NULL),
                 IF(s.seq % 100 = 50, 'reminder about the payment', NULL)),
       s.seq % 20 = 0
FROM seq_1_to_100000 s JOIN bench_bodies b ON b.n = s.seq % 997;

INSERT INTO threads (account_id, id, pod_id, inbox_id, subject, is_read, last_message_at, created_at, message_count)
SELECT @big, CONCAT('thr_', LPAD(seq, 26, '0')), @pod, inbox_id, subject, seq % 3 <> 1, @t0 + seq * 1000,
       @t0 + seq * 1000, 1
FROM bench_mail;

INSERT INTO messages (account_id, id, pod_id, inbox_id, thread_id, direction, status, from_addr, to_addr, subject,
                      body_text, raw, created_at)
SELECT @big, CONCAT('msg_', LPAD(seq, 26, '0')), @pod, inbox_id, CONCAT('thr_', LPAD(seq, 26, '0')), 'inbound',
       'received', sender, 'bench@openmail.localhost', subject, CONCAT(UPPER(LEFT(words, 1)), SUBSTRING(words, 2), '.'),
       'x', @t0 + seq * 1000
FROM bench_mail;

INSERT INTO attachments (account_id, message_id, position, filename, content_type, size_bytes, content, parsed_text,
                         extraction_method)
SELECT @big, CONCAT('msg_', LPAD(seq, 26, '0')), 0, CONCAT('report-', seq, '.pdf'), 'application/pdf', 1, 'x',
       'Quarterly figures attached.', 'pdf'
FROM bench_mail WHERE files;

INSERT INTO message_search (account_id, message_id, pod_id, inbox_id, thread_id, created_at, has_attachments, sender,
                            search_text)
SELECT @big, CONCAT('msg_', LPAD(seq, 26, '0')), @pod, inbox_id, CONCAT('thr_', LPAD(seq, 26, '0')),
       @t0 + seq * 1000, files, sender,
       CONCAT(' ', LOWER(subject), ' \n ', REPLACE(REPLACE(sender, '@', ' '), '.', ' '), ' \n ', words, ' \n',
              IF(files, CONCAT(' report ', seq, ' pdf \n quarterly figures attached \n'), ''))
FROM bench_mail;

ANALYZE TABLE threads, messages, attachments, message_search;
