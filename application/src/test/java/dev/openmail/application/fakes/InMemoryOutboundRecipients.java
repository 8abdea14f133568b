package dev.openmail.application.fakes;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.port.out.OutboundRecipients;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sent messages' recipients in memory, reached through {@link InMemoryStore#outboundRecipients()}. Like the
 * suppressions, these rows are not taken back when a transaction fails.
 */
public final class InMemoryOutboundRecipients implements OutboundRecipients {

    private record Key(AccountId accountId, MessageId messageId) {
    }

    private final Map<Key, List<RecipientDelivery>> rows = new LinkedHashMap<>();

    InMemoryOutboundRecipients() {
    }

    @Override
    public synchronized void insert(AccountId accountId, MessageId messageId, List<RecipientDelivery> recipients) {
        rows.computeIfAbsent(new Key(accountId, messageId), key -> new ArrayList<>()).addAll(recipients);
        rows.get(new Key(accountId, messageId)).sort(Comparator.comparingInt(RecipientDelivery::position));
    }

    @Override
    public synchronized List<RecipientDelivery> of(AccountId accountId, MessageId messageId) {
        return List.copyOf(rows.getOrDefault(new Key(accountId, messageId), List.of()));
    }

    @Override
    public synchronized Map<MessageId, List<RecipientDelivery>> ofMessages(AccountId accountId,
                                                                         Collection<MessageId> messageIds) {
        Map<MessageId, List<RecipientDelivery>> found = new LinkedHashMap<>();
        for (MessageId id : messageIds) {
            List<RecipientDelivery> recipients = rows.get(new Key(accountId, id));
            if (recipients != null) {
                found.put(id, List.copyOf(recipients));
            }
        }
        return found;
    }

    @Override
    public synchronized void update(AccountId accountId, MessageId messageId, RecipientDelivery recipient) {
        List<RecipientDelivery> recipients = rows.get(new Key(accountId, messageId));
        if (recipients == null) {
            return;
        }
        recipients.replaceAll(row -> row.position() == recipient.position() ? recipient : row);
    }

    @Override
    public synchronized Optional<Addressee> findByBounceToken(String token) {
        for (Map.Entry<Key, List<RecipientDelivery>> entry : rows.entrySet()) {
            for (RecipientDelivery recipient : entry.getValue()) {
                if (!token.isEmpty() && recipient.bounceToken().equals(token)) {
                    return Optional.of(new Addressee(entry.getKey().accountId(), entry.getKey().messageId(),
                            recipient));
                }
            }
        }
        return Optional.empty();
    }

    /** Forgets a message's rows. */
    public synchronized void removeAll(AccountId accountId, MessageId messageId) {
        rows.remove(new Key(accountId, messageId));
    }
}
