package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.mail.DeliveryRole;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.StoredAttachment;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.search.SearchText;
import dev.openmail.domain.port.out.InboxGoneException;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.SaveMail;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.openmail.adapters.persistence.Rows.epochMillis;
import static dev.openmail.adapters.persistence.Rows.instant;

/**
 * The mail ports over the threads, messages and attachments tables (V3), in plain JDBC rather than through a
 * repository: the large columns (a message's raw form, an attachment's content) are then read only by the queries
 * that need them, and bytes are bound and read as they are.
 */
@Singleton
final class JdbcMailStore implements LoadMail, SaveMail {

    private static final String THREAD_COLUMNS =
            "account_id, id, pod_id, inbox_id, subject, is_read, last_message_at, created_at, message_count";
    /** Every column but raw. */
    private static final String MESSAGE_COLUMNS = "account_id, id, pod_id, inbox_id, thread_id, direction, status,"
            + " from_addr, to_addr, header_to, delivery_role, cc, subject, body_text, body_html, rfc_message_id,"
            + " in_reply_to, references_header, created_at, " + VerdictColumns.NAMES;
    /** Message ids per query for their attachments: a long thread stays far below any placeholder limit. */
    private static final int IDS_PER_QUERY = 500;

    private final Statements sql;
    private final TransactionOperations<Connection> transactions;

    JdbcMailStore(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.sql = new Statements(jdbc);
        this.transactions = transactions;
    }

    // ---- threads

    @Override
    public Optional<MailThread> findThread(AccountId accountId, ThreadId id) {
        return first(sql.query("SELECT " + THREAD_COLUMNS + " FROM threads WHERE account_id = ? AND id = ?",
                JdbcMailStore::thread, accountId.value(), id.value()));
    }

    @Override
    public Optional<MailThread> findThreadForUpdate(AccountId accountId, ThreadId id) {
        return first(sql.query("SELECT " + THREAD_COLUMNS + " FROM threads WHERE account_id = ? AND id = ? FOR UPDATE",
                JdbcMailStore::thread, accountId.value(), id.value()));
    }

    @Override
    public Page<MailThread> listThreads(AccountId accountId, InboxId inboxId, Boolean isReadOrNull, PageRequest page) {
        String where = " FROM threads WHERE account_id = ? AND inbox_id = ?"
                + (isReadOrNull == null ? "" : " AND is_read = ?");
        Object[] filter = isReadOrNull == null ? new Object[] {accountId.value(), inboxId.value()}
                : new Object[] {accountId.value(), inboxId.value(), isReadOrNull};
        // The columns fixed by the filter lead the ORDER BY, so that H2 too reads the page from the index's end
        // instead of sorting every thread of the inbox; for MySQL the order is the same.
        String order = isReadOrNull == null ? " ORDER BY account_id DESC, inbox_id DESC, last_message_at DESC, id DESC"
                : " ORDER BY account_id DESC, inbox_id DESC, is_read DESC, last_message_at DESC, id DESC";
        List<MailThread> items = sql.query("SELECT " + THREAD_COLUMNS + where + order + " LIMIT ? OFFSET ?",
                JdbcMailStore::thread, withPage(filter, page));
        return new Page<>(items, count("SELECT COUNT(*)" + where, filter));
    }

    @Override
    public void insertThread(MailThread thread) {
        try {
            sql.update("INSERT INTO threads (" + THREAD_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    thread.accountId().value(), thread.id().value(), thread.podId().value(), thread.inboxId().value(),
                    thread.subject(), thread.isRead(), epochMillis(thread.lastMessageAt()),
                    epochMillis(thread.createdAt()), thread.messageCount());
        } catch (RuntimeException e) {
            if (SqlErrors.violated(e, "fk_threads_inbox")) {
                throw new InboxGoneException();
            }
            throw e;
        }
    }

    /** Relies on the driver reporting matched rows (Connector/J's default), so that an unchanged thread counts too. */
    @Override
    public boolean updateThread(MailThread thread) {
        return sql.update("UPDATE threads SET is_read = ?, message_count = ?, last_message_at = ?"
                        + " WHERE account_id = ? AND id = ?",
                thread.isRead(), thread.messageCount(), epochMillis(thread.lastMessageAt()),
                thread.accountId().value(), thread.id().value()) > 0;
    }

    // ---- messages

    /** Only the status column changes; a message that is gone, or of another account, is left as it is. */
    @Override
    public void updateStatus(AccountId accountId, MessageId messageId, MessageStatus status) {
        sql.update("UPDATE messages SET status = ? WHERE account_id = ? AND id = ?", status.wireName(), accountId.value(),
                messageId.value());
    }

    /**
     * Several messages of an inbox may carry one Message-ID (a message sent to several of the inbox's addresses, a
     * resent one): the oldest of them decides. The index finds the candidates by hash; the text is compared here,
     * exactly, because the column's collation would ignore case and trailing spaces.
     */
    @Override
    public Optional<ThreadId> threadOfMessageId(AccountId accountId, InboxId inboxId, String rfcMessageId) {
        if (rfcMessageId == null) {
            return Optional.empty();
        }
        return sql.query("SELECT thread_id, rfc_message_id FROM messages"
                        + " WHERE account_id = ? AND inbox_id = ? AND rfc_message_id_hash = ? ORDER BY created_at, id",
                row -> new Candidate(row.getString(1), row.getString(2)),
                accountId.value(), inboxId.value(), sha256Hex(rfcMessageId)).stream()
                .filter(candidate -> rfcMessageId.equals(candidate.rfcMessageId()))
                .findFirst()
                .map(candidate -> new ThreadId(candidate.threadId()));
    }

    @Override
    public Page<BoundedMessage> listMessages(AccountId accountId, InboxId inboxId, Direction directionOrNull,
                                             PageRequest page, BodyBudget budget) {
        String where = " FROM messages WHERE account_id = ? AND inbox_id = ?"
                + (directionOrNull == null ? "" : " AND direction = ?");
        Object[] filter = directionOrNull == null ? new Object[] {accountId.value(), inboxId.value()}
                : new Object[] {accountId.value(), inboxId.value(), directionOrNull.wireName()};
        // As for threads: the filter's columns lead the ORDER BY, so that the page comes from the end of the index
        // rather than from sorting every message of the inbox, bodies included.
        String order = directionOrNull == null ? " ORDER BY account_id DESC, inbox_id DESC, created_at DESC, id DESC"
                : " ORDER BY account_id DESC, inbox_id DESC, direction DESC, created_at DESC, id DESC";
        return boundedPage(accountId, where, filter, order, page, budget);
    }

    /** The thread's index read backwards (a thread has one inbox), so that one row is read, not the thread. */
    @Override
    public Optional<Message> lastMessageOfThread(AccountId accountId, ThreadId threadId) {
        return first(withAttachments(accountId, sql.query("SELECT " + MESSAGE_COLUMNS
                        + " FROM messages WHERE account_id = ? AND thread_id = ?"
                        + " ORDER BY account_id DESC, thread_id DESC, inbox_id DESC, created_at DESC, id DESC LIMIT 1",
                JdbcMailStore::message, accountId.value(), threadId.value())));
    }

    @Override
    public Page<BoundedMessage> threadMessages(AccountId accountId, ThreadId threadId, PageRequest page,
                                               BodyBudget budget) {
        return boundedPage(accountId, " FROM messages WHERE account_id = ? AND thread_id = ?",
                new Object[] {accountId.value(), threadId.value()}, " ORDER BY created_at, id", page, budget);
    }

    /**
     * Two reads of the same page: the lengths of its bodies (which the database counts without sending them), then
     * the page with each body cut to the level in SQL, so that no more than the budget of body text is ever read.
     * Both run in the caller's transaction and see the same page.
     */
    private Page<BoundedMessage> boundedPage(AccountId accountId, String where, Object[] filter, String order,
                                             PageRequest page, BodyBudget budget) {
        return new Page<>(boundedItems(accountId, where, filter, order, page, budget),
                count("SELECT COUNT(*)" + where, filter));
    }

    /**
     * The messages with these ids, newest first, their bodies and attachments' texts cut to share {@code budget} as a
     * page's are: the page of a search, whose ids and total {@code JdbcMailSearch} found.
     */
    List<BoundedMessage> newestFirst(AccountId accountId, List<String> ids, BodyBudget budget) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Object[] filter = new Object[ids.size() + 1];
        filter[0] = accountId.value();
        for (int i = 0; i < ids.size(); i++) {
            filter[i + 1] = ids.get(i);
        }
        return boundedItems(accountId, " FROM messages WHERE account_id = ? AND id IN ("
                        + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", filter,
                " ORDER BY created_at DESC, id DESC", new PageRequest(ids.size(), 0), budget);
    }

    private List<BoundedMessage> boundedItems(AccountId accountId, String where, Object[] filter, String order,
                                              PageRequest page, BodyBudget budget) {
        String window = order + " LIMIT ? OFFSET ?";
        List<Long> lengths = new ArrayList<>();
        for (long[] pair : sql.query("SELECT CHAR_LENGTH(body_text), CHAR_LENGTH(body_html)" + where + window,
                row -> new long[] {row.getLong(1), row.getLong(2)}, withPage(filter, page))) {
            lengths.add(pair[0]);
            lengths.add(pair[1]);
        }
        // no higher than the longest body: H2 takes a start plus a length beyond the int range for an empty string
        int level = (int) Math.min(budget.level(lengths), lengths.stream().mapToLong(Long::longValue).max().orElse(0));
        Object[] parameters = new Object[filter.length + 4];
        parameters[0] = level;
        parameters[1] = level;
        System.arraycopy(withPage(filter, page), 0, parameters, 2, filter.length + 2);
        List<BoundedMessage> cut = sql.query("SELECT " + MESSAGE_COLUMNS.replace("body_text, body_html",
                        "SUBSTRING(body_text, 1, ?) AS body_text, SUBSTRING(body_html, 1, ?) AS body_html")
                        + ", CHAR_LENGTH(body_text) AS text_chars, CHAR_LENGTH(body_html) AS html_chars" + where + window,
                row -> {
                    Message message = message(row);
                    return new BoundedMessage(BoundedMessage.withBodies(message, wholePairs(message.bodyText()),
                            wholePairs(message.bodyHtml())),
                            row.getLong("text_chars") > level || row.getLong("html_chars") > level);
                }, parameters);
        List<Message> withAttachments = withAttachments(accountId, cut.stream().map(BoundedMessage::message).toList(),
                budget);
        List<BoundedMessage> items = new ArrayList<>();
        for (int i = 0; i < cut.size(); i++) {
            items.add(new BoundedMessage(withAttachments.get(i), cut.get(i).bodyTruncated()));
        }
        return items;
    }

    /** Text cut in SQL without half a surrogate pair at its end (H2 counts UTF-16 units, MySQL code points). */
    private static String wholePairs(String text) {
        return text != null && !text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))
                ? text.substring(0, text.length() - 1)
                : text;
    }

    @Override
    public Optional<Message> findMessage(AccountId accountId, MessageId id) {
        return first(withAttachments(accountId, sql.query("SELECT " + MESSAGE_COLUMNS
                        + " FROM messages WHERE account_id = ? AND id = ?",
                JdbcMailStore::message, accountId.value(), id.value())));
    }

    @Override
    public Optional<byte[]> findRaw(AccountId accountId, MessageId messageId) {
        return first(sql.query("SELECT raw FROM messages WHERE account_id = ? AND id = ?", row -> row.getBytes(1),
                accountId.value(), messageId.value()));
    }

    /** File names are compared here, exactly, for the same reason as Message-IDs; only the match's bytes are read. */
    @Override
    public Optional<StoredAttachment> findAttachment(AccountId accountId, MessageId messageId, String filename) {
        Optional<Integer> position = sql.query("SELECT position, filename FROM attachments"
                        + " WHERE account_id = ? AND message_id = ? ORDER BY position",
                row -> new Named(row.getInt(1), row.getString(2)), accountId.value(), messageId.value()).stream()
                .filter(named -> named.filename().equals(filename))
                .map(Named::position)
                .findFirst();
        return position.flatMap(at -> first(sql.query("SELECT filename, content_type, size_bytes, content FROM attachments"
                        + " WHERE account_id = ? AND message_id = ? AND position = ?",
                row -> new StoredAttachment(new AttachmentInfo(row.getString(1), row.getString(2), row.getLong(3)),
                        row.getBytes(4)),
                accountId.value(), messageId.value(), at)));
    }

    /**
     * The message row and its attachment rows go in together: inside the caller's transaction when there is one (so
     * that a refusal here leaves it usable, as ReceiveMailService expects), else in one of their own.
     */
    @Override
    public void insertMessage(Message message, byte[] raw, List<ParsedAttachment> attachments) {
        Objects.requireNonNull(raw);
        // The attachment rows take their names, types and sizes from the message, and their bytes from the parts.
        message.requireListedAttachments(attachments);
        String cc = ListColumns.joined(message.cc(), "a cc address");
        String references = ListColumns.joined(message.references(), "a reference");
        Runnable work = () -> {
            insertMessageRow(message, raw, cc, references);
            sql.update("INSERT INTO message_search (account_id, message_id, pod_id, inbox_id, thread_id, created_at,"
                            + " has_attachments, sender, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    message.accountId().value(), message.id().value(), message.podId().value(),
                    message.inboxId().value(), message.threadId().value(), epochMillis(message.createdAt()),
                    !attachments.isEmpty(), SearchText.sender(message.fromAddr()),
                    SearchText.document(message.subject(), message.fromAddr(), message.bodyText(), message.bodyHtml(),
                            message.attachments().stream().map(AttachmentInfo::filename).toList()));
            for (int position = 0; position < attachments.size(); position++) {
                AttachmentInfo info = message.attachments().get(position);
                sql.update("INSERT INTO attachments (account_id, message_id, position, filename, content_type, size_bytes,"
                                + " content) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        message.accountId().value(), message.id().value(), position, info.filename(),
                        info.contentType(), info.sizeBytes(), attachments.get(position).content());
            }
        };
        if (transactions.findTransactionStatus().isPresent()) {
            work.run();
        } else {
            transactions.executeWrite(status -> {
                work.run();
                return null;
            });
        }
    }

    private void insertMessageRow(Message message, byte[] raw, String cc, String references) {
        try {
            sql.update("INSERT INTO messages (" + MESSAGE_COLUMNS + ", rfc_message_id_hash, raw)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            + VerdictColumns.PLACEHOLDERS + ", ?, ?)",
                    Stream.of(new Object[]{message.accountId().value(), message.id().value(), message.podId().value(),
                            message.inboxId().value(), message.threadId().value(), message.direction().wireName(),
                            message.status().wireName(), message.fromAddr(), message.toAddr(), message.headerTo(),
                            message.deliveryRole() == null ? null : message.deliveryRole().wireName(), cc,
                            message.subject(), message.bodyText(), message.bodyHtml(), message.rfcMessageId(),
                            message.inReplyTo(), references, epochMillis(message.createdAt())},
                            VerdictColumns.values(message.authentication(), message.spam()),
                            new Object[]{message.rfcMessageId() == null ? null : sha256Hex(message.rfcMessageId()), raw})
                            .flatMap(Arrays::stream).toArray());
        } catch (RuntimeException e) {
            // When the inbox was deleted its threads went with it, and the database may name either foreign key.
            if (SqlErrors.violated(e, "fk_messages_inbox")
                    || (SqlErrors.violated(e, "fk_messages_thread") && !inboxExists(message))) {
                throw new InboxGoneException();
            }
            throw e;
        }
    }

    private boolean inboxExists(Message message) {
        return count("SELECT COUNT(*) FROM inboxes WHERE account_id = ? AND id = ?", message.accountId().value(),
                message.inboxId().value()) > 0;
    }

    private List<Message> withAttachments(AccountId accountId, List<Message> messages) {
        return withAttachments(accountId, messages, BodyBudget.UNLIMITED);
    }

    /**
     * The messages with their attachments. The attachments' extracted texts share {@code budget} the way a page's
     * bodies do: their lengths are read first, then each text cut in SQL to the one level that fits them all, and a
     * text cut so is marked truncated. (A single message's texts are bounded already: at most its attachment cap
     * times the extraction's character cap.)
     */
    private List<Message> withAttachments(AccountId accountId, List<Message> messages, BodyBudget budget) {
        if (messages.isEmpty()) {
            return messages;
        }
        List<Object[]> chunks = new ArrayList<>();
        List<String> inLists = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += IDS_PER_QUERY) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + IDS_PER_QUERY));
            Object[] parameters = new Object[chunk.size() + 1];
            parameters[0] = accountId.value();
            for (int i = 0; i < chunk.size(); i++) {
                parameters[i + 1] = chunk.get(i).id().value();
            }
            chunks.add(parameters);
            inLists.add(String.join(", ", Collections.nCopies(chunk.size(), "?")));
        }
        int level = Integer.MAX_VALUE;
        if (budget.maxChars() != BodyBudget.UNLIMITED.maxChars()) {
            List<Long> lengths = new ArrayList<>();
            for (int c = 0; c < chunks.size(); c++) {
                lengths.addAll(sql.query("SELECT COALESCE(CHAR_LENGTH(parsed_text), 0) FROM attachments"
                        + " WHERE account_id = ? AND message_id IN (" + inLists.get(c) + ")",
                        row -> row.getLong(1), chunks.get(c)));
            }
            // no higher than the longest text: H2 takes a start plus a length beyond the int range for an empty string
            level = (int) Math.min(budget.level(lengths), lengths.stream().mapToLong(Long::longValue).max().orElse(0));
        }
        int cutAt = level;
        boolean cutting = cutAt != Integer.MAX_VALUE;
        Map<String, List<AttachmentInfo>> byMessage = new HashMap<>();
        for (int c = 0; c < chunks.size(); c++) {
            Object[] parameters = chunks.get(c);
            if (cutting) {
                parameters = new Object[chunks.get(c).length + 1];
                parameters[0] = cutAt;
                System.arraycopy(chunks.get(c), 0, parameters, 1, chunks.get(c).length);
            }
            List<Listed> rows = sql.query("SELECT message_id, filename, content_type, size_bytes, extraction_method, "
                            + (cutting ? "SUBSTRING(parsed_text, 1, ?)" : "parsed_text") + " AS parsed_text,"
                            + " parsed_text_truncated,"
                            + " CHAR_LENGTH(parsed_text) AS text_chars FROM attachments"
                            + " WHERE account_id = ? AND message_id IN (" + inLists.get(c)
                            + ") ORDER BY message_id, position",
                    row -> new Listed(row.getString(1),
                            new AttachmentInfo(row.getString(2), row.getString(3), row.getLong(4),
                                    TextColumns.text(row.getString(5), wholePairs(row.getString(6)),
                                            row.getBoolean(7) || row.getLong(8) > cutAt))),
                    parameters);
            for (Listed listed : rows) {
                byMessage.computeIfAbsent(listed.messageId(), id -> new ArrayList<>()).add(listed.info());
            }
        }
        return messages.stream()
                .map(message -> withAttachments(message, byMessage.getOrDefault(message.id().value(), List.of())))
                .toList();
    }

    // ---- rows

    /** A message of an inbox whose Message-ID has the hash looked for. */
    private record Candidate(String threadId, String rfcMessageId) {
    }

    private record Named(int position, String filename) {
    }

    private record Listed(String messageId, AttachmentInfo info) {
    }

    private static MailThread thread(ResultSet row) throws SQLException {
        return new MailThread(new ThreadId(row.getString("id")), new AccountId(row.getString("account_id")),
                new PodId(row.getString("pod_id")), new InboxId(row.getString("inbox_id")), row.getString("subject"),
                row.getBoolean("is_read"), instant(row.getLong("last_message_at")), instant(row.getLong("created_at")),
                row.getInt("message_count"));
    }

    /** A message without its attachments, which have rows of their own. */
    private static Message message(ResultSet row) throws SQLException {
        String role = row.getString("delivery_role");
        return new Message(new MessageId(row.getString("id")), new AccountId(row.getString("account_id")),
                new PodId(row.getString("pod_id")), new InboxId(row.getString("inbox_id")),
                new ThreadId(row.getString("thread_id")),
                Direction.valueOf(row.getString("direction").toUpperCase(Locale.ROOT)),
                MessageStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)), row.getString("from_addr"),
                row.getString("to_addr"), row.getString("header_to"),
                role == null ? null : DeliveryRole.valueOf(role.toUpperCase(Locale.ROOT)),
                ListColumns.split(row.getString("cc")), row.getString("subject"), row.getString("body_text"), row.getString("body_html"), List.of(),
                row.getString("rfc_message_id"), row.getString("in_reply_to"),
                ListColumns.split(row.getString("references_header")), instant(row.getLong("created_at")),
                VerdictColumns.authentication(row), VerdictColumns.spam(row));
    }

    private static Message withAttachments(Message m, List<AttachmentInfo> attachments) {
        return new Message(m.id(), m.accountId(), m.podId(), m.inboxId(), m.threadId(), m.direction(), m.status(),
                m.fromAddr(), m.toAddr(), m.headerTo(), m.deliveryRole(), m.cc(), m.subject(), m.bodyText(),
                m.bodyHtml(), attachments, m.rfcMessageId(), m.inReplyTo(), m.references(), m.createdAt(),
                m.authentication(), m.spam());
    }

    /** The key of the Message-ID index: lower-case hex SHA-256 of the id's UTF-8 bytes. */
    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    // ---- JDBC

    private long count(String query, Object... parameters) {
        return sql.query(query, row -> row.getLong(1), parameters).get(0);
    }

    private static Object[] withPage(Object[] filter, PageRequest page) {
        Object[] parameters = Arrays.copyOf(filter, filter.length + 2);
        parameters[filter.length] = page.limit();
        parameters[filter.length + 1] = page.offset();
        return parameters;
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
