package dev.openmail.application.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.port.out.OutboundRecipients;

import java.util.List;
import java.util.Map;

/** Adds to the sent messages of a page what became of each for its recipients, in one read for the page. */
final class SentDelivery {

    private SentDelivery() {
    }

    /** Runs in the caller's transaction; {@code recipients} null leaves the page as it is. */
    static Page<BoundedMessage> added(OutboundRecipients recipients, AccountId accountId, Page<BoundedMessage> page) {
        if (recipients == null) {
            return page;
        }
        List<MessageId> sent = page.items().stream().map(BoundedMessage::message)
                .filter(message -> message.direction() == Direction.OUTBOUND).map(message -> message.id()).toList();
        if (sent.isEmpty()) {
            return page;
        }
        Map<MessageId, List<RecipientDelivery>> found = recipients.ofMessages(accountId, sent);
        return new Page<>(page.items().stream()
                .map(item -> item.withDelivery(found.getOrDefault(item.message().id(), List.of()))).toList(),
                page.total());
    }
}
