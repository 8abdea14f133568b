package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.mail.MessageId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recipients of sent messages and what became of each. Rows go with their message. Every method runs in the
 * caller's transaction.
 */
public interface OutboundRecipients {

    void insert(AccountId accountId, MessageId messageId, List<RecipientDelivery> recipients);

    /** The message's recipients in position order; empty for a message that was not sent from here. */
    List<RecipientDelivery> of(AccountId accountId, MessageId messageId);

    /** The recipients of each of these messages that has any, each list in position order. */
    Map<MessageId, List<RecipientDelivery>> ofMessages(AccountId accountId, Collection<MessageId> messageIds);

    /** Stores the recipient's state, reply, host, attempts and time (by its position). */
    void update(AccountId accountId, MessageId messageId, RecipientDelivery recipient);

    /** Whose bounce address carries {@code token}: the message and the recipient, locked for update. */
    Optional<Addressee> findByBounceToken(String token);

    record Addressee(AccountId accountId, MessageId messageId, RecipientDelivery recipient) {
    }
}
