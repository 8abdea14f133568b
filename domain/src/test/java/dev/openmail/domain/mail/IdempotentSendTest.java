package dev.openmail.domain.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotentSendTest {

    private final InboxId inbox = InboxId.generate();
    private final IdempotentSend first = new IdempotentSend(AccountId.generate(), inbox, "order-42", "a".repeat(64),
            MessageId.generate(), Instant.parse("2026-12-07T05:00:00Z"));

    @Test
    void theSameBodyFromTheSameInboxIsARepeat() {
        assertTrue(first.isRepeatedBy(inbox, "a".repeat(64)));
    }

    @Test
    void anotherBodyOrAnotherInboxIsAReuseOfTheKey() {
        assertFalse(first.isRepeatedBy(inbox, "b".repeat(64)));
        assertFalse(first.isRepeatedBy(InboxId.generate(), "a".repeat(64)));
    }
}
