package dev.openmail.adapters.persistence.repository;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface InboxRepository extends GenericRepository<InboxRow, String> {

    InboxRow save(InboxRow row);

    @Query("SELECT * FROM inboxes WHERE account_id = :accountId AND id = :id")
    Optional<InboxRow> findById(String accountId, String id);

    /** Whatever the column's collation takes as equal: the caller compares the text itself. */
    @Query("SELECT * FROM inboxes WHERE address = :address")
    Optional<InboxRow> findByAddress(String address);

    @Query("SELECT * FROM inboxes WHERE account_id = :accountId AND id = :id FOR UPDATE")
    Optional<InboxRow> lockById(String accountId, String id);

    /** Writes the row so that a transaction holding it conflicts with every other holder, on any Galera node. */
    @Query("UPDATE inboxes SET lock_seq = lock_seq + 1 WHERE account_id = :accountId AND id = :id")
    int holdById(String accountId, String id);

    /*
     * The pages are found in an index that holds the sort order and the primary key (the inner select reads nothing
     * else), and only the rows of the page are then read: a deep offset skips index entries, not whole rows. The
     * columns fixed by the WHERE clause lead the inner ORDER BY: H2 reads an index in order only when they do.
     */
    @Query("SELECT i.* FROM inboxes i JOIN (SELECT account_id, id, created_at FROM inboxes WHERE account_id = :accountId"
            + " ORDER BY account_id, created_at, id LIMIT :limit OFFSET :offset) page"
            + " ON i.account_id = page.account_id AND i.id = page.id"
            + " ORDER BY page.created_at, page.id")
    List<InboxRow> listPage(String accountId, int limit, long offset);

    @Query("SELECT inbox_count FROM accounts WHERE id = :accountId")
    Optional<Long> countByAccount(String accountId);

    @Query("SELECT i.* FROM inboxes i JOIN (SELECT account_id, id, created_at FROM inboxes WHERE account_id = :accountId"
            + " AND pod_id = :podId ORDER BY account_id, pod_id, created_at, id LIMIT :limit OFFSET :offset) page"
            + " ON i.account_id = page.account_id AND i.id = page.id ORDER BY page.created_at, page.id")
    List<InboxRow> listPageInPod(String accountId, String podId, int limit, long offset);

    @Query("SELECT inbox_count FROM pods WHERE account_id = :accountId AND id = :podId")
    Optional<Long> countInPod(String accountId, String podId);

    /* The counts change only here, after an inbox row was inserted or deleted, always the account's row first. */
    @Query("UPDATE accounts SET inbox_count = inbox_count + :delta WHERE id = :accountId")
    long addToAccountCount(String accountId, int delta);

    @Query("UPDATE pods SET inbox_count = inbox_count + :delta WHERE account_id = :accountId AND id = :podId")
    long addToPodCount(String accountId, String podId, int delta);

    @Query("SELECT DISTINCT pod_id FROM inboxes WHERE account_id = :accountId AND domain_id = :domainId")
    List<String> podIdsOnDomain(String accountId, String domainId);

    @Query("SELECT inbox_limit, inbox_count FROM accounts WHERE id = :accountId FOR UPDATE")
    Optional<InboxAllowanceRow> lockAccountForNewInbox(String accountId);

    @Query("UPDATE inboxes SET display_name = :displayName, webhook_url = :webhookUrl, webhook_secret = :webhookSecret WHERE account_id = :accountId AND id = :id")
    long updateSettings(String accountId, String id, @Nullable String displayName, @Nullable String webhookUrl,
                        @Nullable String webhookSecret);

    @Query("DELETE FROM inboxes WHERE account_id = :accountId AND id = :id")
    long deleteRow(String accountId, String id);
}
