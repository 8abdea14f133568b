package dev.openmail.application.account;

import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.UpdateAccount;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateAccountServiceTest {

    private final AccountFixture fixture = new AccountFixture();
    private final UpdateAccountService updateAccount =
            new UpdateAccountService(fixture.transactions, fixture.store, fixture.store);

    @Test
    void keepLeavesTheNameWhileTheLimitChanges() {
        AccountId id = open("Acme", 5);

        Account updated = updateAccount.update(new UpdateAccount.Command(id, Change.keep(), Change.to(new InboxLimit(9))));

        assertEquals(new Label("Acme"), updated.name());
        assertEquals(new InboxLimit(9), updated.inboxLimit());
        Account stored = fixture.store.find(id).orElseThrow();
        assertEquals(new Label("Acme"), stored.name());
        assertEquals(new InboxLimit(9), stored.inboxLimit());
        assertEquals(AccountFixture.NOW, stored.createdAt());
    }

    @Test
    void changeToNullClearsTheName() {
        AccountId id = open("Acme", 5);

        Account updated = updateAccount.update(new UpdateAccount.Command(id, Change.to(null), Change.keep()));

        assertNull(updated.name());
        assertNull(fixture.store.find(id).orElseThrow().name());
        assertEquals(new InboxLimit(5), fixture.store.find(id).orElseThrow().inboxLimit());
    }

    @Test
    void anUnknownAccountIsNotFound() {
        AccountId unknown = AccountId.generate();

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> updateAccount.update(new UpdateAccount.Command(unknown, Change.to(new Label("x")), Change.keep())));

        assertTrue(e.getMessage().contains(unknown.value()), e.getMessage());
    }

    @Test
    void anAccountThatVanishesBeforeTheSaveIsNotFound() {
        InMemoryStore vanishing = new InMemoryStore() {
            @Override
            public synchronized boolean update(Account account) {
                return false;
            }
        };
        AccountFixture racing = new AccountFixture(vanishing);
        AccountId id = racing.openAccount.open(new OpenAccount.Command(new Label("Acme"), null)).account().id();
        UpdateAccountService service = new UpdateAccountService(racing.transactions, vanishing, vanishing);

        assertThrows(NotFoundException.class,
                () -> service.update(new UpdateAccount.Command(id, Change.to(new Label("New")), Change.keep())));
    }

    @Test
    void theInboxLimitCannotBeClearedAndNothingChanges() {
        AccountId opened = open("Acme", 5);
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> updateAccount.update(new UpdateAccount.Command(opened, Change.to(null), Change.to(null))));
        assertEquals("inboxLimit", refused.field());
        assertEquals(5, fixture.store.find(opened).orElseThrow().inboxLimit().value());
        assertEquals(new Label("Acme"), fixture.store.find(opened).orElseThrow().name());

        AccountId id = AccountId.generate();
        assertThrows(NullPointerException.class, () -> new UpdateAccount.Command(id, null, Change.keep()));
        assertThrows(NullPointerException.class, () -> new UpdateAccount.Command(id, Change.keep(), null));
        assertThrows(NullPointerException.class, () -> new UpdateAccount.Command(null, Change.keep(), Change.keep()));
    }

    private AccountId open(String name, int limit) {
        return fixture.openAccount.open(new OpenAccount.Command(new Label(name), new InboxLimit(limit))).account().id();
    }
}
