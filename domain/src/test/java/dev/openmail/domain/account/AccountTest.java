package dev.openmail.domain.account;

import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.Label;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void openGivesANewIdAndKeepsWhatWasGiven() {
        Account account = Account.open(new Label("Acme"), new InboxLimit(10), NOW);
        assertTrue(AccountId.isWellFormed(account.id().value()));
        assertEquals(new Label("Acme"), account.name());
        assertEquals(new InboxLimit(10), account.inboxLimit());
        assertEquals(NOW, account.createdAt());
        assertNotEquals(account.id(), Account.open(null, new InboxLimit(10), NOW).id());
    }

    @Test
    void updateAppliesEachChange() {
        Account account = Account.open(new Label("Acme"), new InboxLimit(10), NOW);

        Account kept = account.update(Change.keep(), Change.keep());
        assertEquals(new Label("Acme"), kept.name());
        assertEquals(new InboxLimit(10), kept.inboxLimit());

        Account changed = account.update(Change.to(null), Change.to(new InboxLimit(0)));
        assertNull(changed.name());
        assertEquals(new InboxLimit(0), changed.inboxLimit());
        assertEquals(account.id(), changed.id());
        assertEquals(NOW, changed.createdAt());
        assertEquals(new Label("Acme"), account.name(), "the original is unchanged");
    }

    @Test
    void anAccountAlwaysHasAnInboxLimit() {
        Account account = Account.open(null, new InboxLimit(10), NOW);
        InvalidInputException cleared = assertThrows(InvalidInputException.class,
                () -> account.update(Change.keep(), Change.to(null)));
        assertEquals("inboxLimit", cleared.field());
        assertThrows(NullPointerException.class, () -> Account.open(null, null, NOW));
    }
}
