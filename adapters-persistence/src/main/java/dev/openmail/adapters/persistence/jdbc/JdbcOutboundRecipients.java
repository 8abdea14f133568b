package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.Rows;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.delivery.DeliveryState;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.port.out.OutboundRecipients;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sent messages' recipients over V19 {@code outbound_recipients}, in the caller's transaction. */
@Singleton
final class JdbcOutboundRecipients implements OutboundRecipients {

    private static final String COLUMNS = "account_id, message_id, position, address, bounce_token, state, reply,"
            + " remote_host, attempts, updated_at";
    /** Messages asked about at once: a page holds at most 100. */
    private static final int MAX_ASKED = 500;

    private final Statements sql;

    JdbcOutboundRecipients(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public void insert(AccountId accountId, MessageId messageId, List<RecipientDelivery> recipients) {
        for (RecipientDelivery recipient : recipients) {
            sql.update("INSERT INTO outbound_recipients (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    accountId.value(), messageId.value(), recipient.position(), recipient.address(),
                    recipient.bounceToken().isEmpty() ? null : recipient.bounceToken(), recipient.state().wireName(),
                    emptyAsNull(recipient.reply()), emptyAsNull(recipient.host()), recipient.attempts(),
                    Rows.epochMillis(recipient.updatedAt()));
        }
    }

    @Override
    public List<RecipientDelivery> of(AccountId accountId, MessageId messageId) {
        return sql.query("SELECT " + COLUMNS + " FROM outbound_recipients WHERE account_id = ? AND message_id = ?"
                + " ORDER BY position", JdbcOutboundRecipients::recipient, accountId.value(), messageId.value());
    }

    @Override
    public Map<MessageId, List<RecipientDelivery>> ofMessages(AccountId accountId, Collection<MessageId> messageIds) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(accountId.value());
        messageIds.stream().distinct().limit(MAX_ASKED).forEach(id -> parameters.add(id.value()));
        Map<MessageId, List<RecipientDelivery>> found = new LinkedHashMap<>();
        if (parameters.size() == 1) {
            return found;
        }
        sql.query("SELECT " + COLUMNS + " FROM outbound_recipients WHERE account_id = ? AND message_id IN ("
                + "?, ".repeat(parameters.size() - 2) + "?) ORDER BY message_id, position", row -> {
                    found.computeIfAbsent(new MessageId(row.getString("message_id")), id -> new ArrayList<>())
                            .add(recipient(row));
                    return null;
                }, parameters.toArray());
        return found;
    }

    @Override
    public void update(AccountId accountId, MessageId messageId, RecipientDelivery recipient) {
        sql.update("UPDATE outbound_recipients SET state = ?, reply = ?, remote_host = ?, attempts = ?, updated_at = ?"
                        + " WHERE account_id = ? AND message_id = ? AND position = ?", recipient.state().wireName(),
                emptyAsNull(recipient.reply()), emptyAsNull(recipient.host()), recipient.attempts(),
                Rows.epochMillis(recipient.updatedAt()), accountId.value(), messageId.value(), recipient.position());
    }

    @Override
    public Optional<Addressee> findByBounceToken(String token) {
        return sql.query("SELECT " + COLUMNS + " FROM outbound_recipients WHERE bounce_token = ? FOR UPDATE",
                row -> new Addressee(new AccountId(row.getString("account_id")),
                        new MessageId(row.getString("message_id")), recipient(row)), token).stream().findFirst();
    }

    private static RecipientDelivery recipient(ResultSet row) throws SQLException {
        return new RecipientDelivery(row.getInt("position"), row.getString("address"), row.getString("bounce_token"),
                DeliveryState.fromWireName(row.getString("state")), row.getString("reply"),
                row.getString("remote_host"), row.getInt("attempts"), Rows.instant(row.getLong("updated_at")));
    }

    private static String emptyAsNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
