package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.Rows;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionJob;
import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.StoredAttachment;
import dev.openmail.domain.port.out.AttachmentTexts;
import dev.openmail.domain.port.out.ExtractionJobs;
import dev.openmail.domain.search.SearchText;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The extraction queue (V15 {@code attachment_extractions}) and the attachments' texts. Every method runs in the
 * caller's transaction when there is one.
 *
 * <p>Claiming is the outbox's ({@code JdbcOutbox}): a plain read picks the free jobs, then each is claimed by an UPDATE
 * whose WHERE repeats the read's condition, so of two processes that read the same job only one changes it. The
 * event's mark is flipped the same way ({@code event_recorded = FALSE} in the WHERE), so exactly one transaction
 * records the event.
 */
@Singleton
final class JdbcExtractionJobs implements ExtractionJobs, AttachmentTexts {

    private static final String COLUMNS = "account_id, message_id, created_at, attempts, event_recorded";
    private static final String ORDER = " ORDER BY created_at, account_id, message_id";

    private final Statements sql;

    JdbcExtractionJobs(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public void enqueue(AccountId accountId, MessageId messageId, Instant createdAt) {
        sql.update("INSERT INTO attachment_extractions (" + COLUMNS + ", claimed_until)"
                        + " VALUES (?, ?, ?, 0, FALSE, NULL)",
                accountId.value(), messageId.value(), Rows.epochMillis(createdAt));
    }

    @Override
    public List<ExtractionJob> claim(Instant now, Duration lease, int max) {
        Objects.requireNonNull(now);
        if (lease.isNegative()) {
            throw new IllegalArgumentException("a lease cannot end before it starts: " + lease);
        }
        if (max <= 0) {
            return List.of();
        }
        long at = Rows.epochMillis(now);
        long until = Math.addExact(at, lease.toMillis());
        List<ExtractionJob> candidates = sql.query("SELECT " + COLUMNS + " FROM attachment_extractions"
                + " WHERE claimed_until IS NULL OR claimed_until < ?" + ORDER + " LIMIT ?",
                JdbcExtractionJobs::job, at, max);
        List<ExtractionJob> claimed = new ArrayList<>();
        for (ExtractionJob job : candidates) {
            int changed = sql.update("UPDATE attachment_extractions SET claimed_until = ?, attempts = attempts + 1"
                            + " WHERE account_id = ? AND message_id = ? AND (claimed_until IS NULL OR claimed_until < ?)",
                    until, job.accountId().value(), job.messageId().value(), at);
            if (changed == 1) {
                // read once claimed: the attempts and the mark of the row this claim holds
                sql.query("SELECT " + COLUMNS + " FROM attachment_extractions WHERE account_id = ? AND message_id = ?",
                        JdbcExtractionJobs::job, job.accountId().value(), job.messageId().value())
                        .forEach(claimed::add);
            }
        }
        return claimed;
    }

    @Override
    public boolean renew(AccountId accountId, MessageId messageId, int attempt, Instant until) {
        // the attempt count is the claim's token: every claim raises it, so a later claim makes this match nothing
        return sql.update("UPDATE attachment_extractions SET claimed_until = ?"
                        + " WHERE account_id = ? AND message_id = ? AND attempts = ?",
                Rows.epochMillis(until), accountId.value(), messageId.value(), attempt) == 1;
    }

    @Override
    public boolean markEventRecorded(AccountId accountId, MessageId messageId) {
        return sql.update("UPDATE attachment_extractions SET event_recorded = TRUE"
                        + " WHERE account_id = ? AND message_id = ? AND event_recorded = FALSE",
                accountId.value(), messageId.value()) == 1;
    }

    @Override
    public List<ExtractionJob> overdue(Instant cutoff, int max) {
        if (max <= 0) {
            return List.of();
        }
        return sql.query("SELECT " + COLUMNS + " FROM attachment_extractions"
                + " WHERE created_at < ? AND event_recorded = FALSE" + ORDER + " LIMIT ?",
                JdbcExtractionJobs::job, Rows.epochMillis(cutoff), max);
    }

    @Override
    public boolean remove(AccountId accountId, MessageId messageId) {
        return sql.update("DELETE FROM attachment_extractions WHERE account_id = ? AND message_id = ?",
                accountId.value(), messageId.value()) == 1;
    }

    @Override
    public Optional<StoredAttachment> attachmentAt(AccountId accountId, MessageId messageId, int position) {
        return sql.query("SELECT filename, content_type, size_bytes, extraction_method, parsed_text,"
                        + " parsed_text_truncated, content FROM attachments"
                        + " WHERE account_id = ? AND message_id = ? AND position = ?",
                row -> new StoredAttachment(new AttachmentInfo(row.getString(1), row.getString(2), row.getLong(3),
                        TextColumns.text(row.getString(4), row.getString(5), row.getBoolean(6))), row.getBytes(7)),
                accountId.value(), messageId.value(), position).stream().findFirst();
    }

    @Override
    public void storeText(AccountId accountId, MessageId messageId, int position, AttachmentText text) {
        int stored = sql.update("UPDATE attachments SET extraction_method = ?, parsed_text = ?, parsed_text_truncated = ?"
                        + " WHERE account_id = ? AND message_id = ? AND position = ?",
                text.extractionMethod(), text.textOrNull(), text.truncated(), accountId.value(), messageId.value(),
                position);
        // Appended rather than rebuilt from every attachment, so that storing a text costs its own length; a text
        // stored twice (a retried job, an on-demand read) is in the document twice, which matches the same queries.
        String part = SearchText.part(text.textOrNull());
        if (stored == 1 && !part.isEmpty()) {
            sql.update("UPDATE message_search SET search_text = CONCAT(search_text, ?)"
                    + " WHERE account_id = ? AND message_id = ?", part, accountId.value(), messageId.value());
        }
    }

    private static ExtractionJob job(ResultSet row) throws SQLException {
        return new ExtractionJob(new AccountId(row.getString("account_id")), new MessageId(row.getString("message_id")),
                Rows.instant(row.getLong("created_at")), row.getInt("attempts"), row.getBoolean("event_recorded"));
    }
}
