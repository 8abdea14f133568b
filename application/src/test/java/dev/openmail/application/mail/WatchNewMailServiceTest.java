package dev.openmail.application.mail;

import dev.openmail.application.account.RecentKeys;
import dev.openmail.application.account.OpenAccountService;
import dev.openmail.application.apikey.IssueApiKeyService;
import dev.openmail.application.apikey.RevokeApiKeyService;
import dev.openmail.application.fakes.RecordingRevocations;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.application.fakes.MutableClock;
import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MailWatch;
import dev.openmail.domain.event.MessageSnapshot;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Watching for new mail on fakes: from now or from a cursor, what each key hears, and nothing handed on twice. */
class WatchNewMailServiceTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactions transactions = new InMemoryTransactions(store);
    private final WatchNewMailService watches = new WatchNewMailService(transactions, store, store, store.events(),
            clock);
    private final ProvisionedAccount acme = open();
    private final AccountId account = acme.account().id();
    private final Caller owner = new Caller(account, acme.apiKey().key().id(), KeyScope.ACCOUNT_WIDE);
    private final Inbox support = store.addInbox(account, acme.defaultPod().id());
    private final Inbox sales = store.addInbox(account, acme.defaultPod().id());

    @Test
    void aWatchFromNowHearsOnlyMailReceivedAfterItOpened() {
        MailEvent before = record(support, EventType.MESSAGE_RECEIVED);
        MailWatch watch = watches.open(owner, null, null);
        assertEquals(before.id(), watch.cursor());
        assertEquals(List.of(), watches.poll(owner, watch));

        MailEvent sent = record(support, EventType.MESSAGE_SENT);
        MailEvent received = record(sales, EventType.MESSAGE_RECEIVED);

        assertEquals(List.of(received), watches.poll(owner, watch));
        assertEquals(received.id(), watch.cursor());
        assertEquals(List.of(), watches.poll(owner, watch), "nothing is handed on twice");
        assertEquals(sent.accountId(), watch.accountId());
    }

    @Test
    void aWatchFromACursorHearsWhatCameAfterItAndOneInboxOnlyWhenAsked() {
        MailEvent seen = record(support, EventType.MESSAGE_RECEIVED);
        MailEvent elsewhere = record(sales, EventType.MESSAGE_RECEIVED);
        MailEvent missed = record(support, EventType.MESSAGE_RECEIVED);

        MailWatch watch = watches.open(owner, support.id(), seen.id());

        assertEquals(List.of(missed), watches.poll(owner, watch));
        assertEquals(missed.id(), watch.cursor());
        assertEquals(elsewhere.accountId(), account);
    }

    @Test
    void anAccountWithoutEventsHasNoCursorUntilItsFirst() {
        MailWatch watch = watches.open(owner, null, null);
        assertNull(watch.cursor());

        MailEvent first = record(support, EventType.MESSAGE_RECEIVED);

        assertEquals(List.of(first), watches.poll(owner, watch));
        assertEquals(first.id(), watch.cursor());
    }

    @Test
    void aScopedKeyWatchesOnlyWhatItMayReadAndNeverAnotherAccountsInbox() {
        Caller supportKey = keyOf(KeyHolder.inbox(support.id()), KeyScope.inbox(support.podId(), support.id()));
        assertThrows(ForbiddenException.class, () -> watches.open(supportKey, sales.id(), null));

        MailWatch everything = watches.open(supportKey, null, null);
        MailEvent forSales = record(sales, EventType.MESSAGE_RECEIVED);
        MailEvent forSupport = record(support, EventType.MESSAGE_RECEIVED);
        assertEquals(List.of(forSupport), watches.poll(supportKey, everything));
        assertEquals(forSales.accountId(), account);

        ProvisionedAccount other = open();
        Caller stranger = new Caller(other.account().id(), other.apiKey().key().id(), KeyScope.ACCOUNT_WIDE);
        assertThrows(NotFoundException.class, () -> watches.open(stranger, support.id(), null));
        assertThrows(InvalidInputException.class, () -> watches.open(stranger, null, forSupport.id()),
                "another account's event is no cursor");
        assertThrows(InvalidInputException.class, () -> watches.open(owner, null, EventId.generate()));
    }

    @Test
    void aKeyRevokedWhileItWaitsIsRefusedAtTheNextPoll() {
        Caller agent = keyOf(KeyHolder.ACCOUNT, KeyScope.ACCOUNT_WIDE);
        MailWatch watch = watches.open(agent, null, null);
        assertEquals(List.of(), watches.poll(agent, watch));

        new RevokeApiKeyService(transactions, store, store, store, store, store, new RecordingRevocations(),
                new RecentKeys())
                .revoke(owner, KeyHolder.ACCOUNT, agent.keyId());
        record(support, EventType.MESSAGE_RECEIVED);

        assertThrows(UnauthorizedException.class, () -> watches.poll(agent, watch));
    }

    private Caller keyOf(KeyHolder holder, KeyScope scope) {
        IssuedApiKey minted = new IssueApiKeyService(transactions, store, store, store, store, store, clock)
                .issue(new IssueApiKey.Command(owner, holder, null));
        return new Caller(account, minted.key().id(), scope);
    }

    private ProvisionedAccount open() {
        return new OpenAccountService(transactions, store, store, store, new InboxLimit(10), clock)
                .open(new OpenAccount.Command(null, null));
    }

    private MailEvent record(Inbox inbox, EventType type) {
        MailEvent event = new MailEvent(EventId.generate(), type, inbox.accountId(), inbox.podId(), inbox.id(),
                ThreadId.generate(), MessageId.generate(), NOW,
                new MessageSnapshot(null, "a@example.com", inbox.address().value(), List.of(), "Hi", "Hello",
                        List.of(), NOW));
        store.events().record(List.of(event));
        return event;
    }
}
