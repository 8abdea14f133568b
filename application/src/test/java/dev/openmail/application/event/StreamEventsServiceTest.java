package dev.openmail.application.event;

import dev.openmail.application.account.RecentKeys;
import dev.openmail.application.account.OpenAccountService;
import dev.openmail.application.apikey.IssueApiKeyService;
import dev.openmail.application.apikey.RevokeApiKeyService;
import dev.openmail.application.fakes.Callers;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemorySubscribers;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.application.fakes.MutableClock;
import dev.openmail.application.fakes.RecordingRevocations;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.event.EventFilter;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MessageSnapshot;
import dev.openmail.domain.event.Subscriber;
import dev.openmail.domain.event.SubscriberId;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import dev.openmail.domain.port.in.StreamEvents;
import dev.openmail.domain.port.in.StreamEvents.Subscribe;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WebSocket's rules on fakes: the limit, what a key may subscribe to, replays, and keys checked again. */
class StreamEventsServiceTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactions transactions = new InMemoryTransactions(store);
    private final InMemorySubscribers subscribers = new InMemorySubscribers();
    private final RecordingRevocations revocations = new RecordingRevocations();
    private final StreamEventsService streams = new StreamEventsService(transactions, store, store, store,
            store.events(), subscribers, clock);
    private final ProvisionedAccount acme = new OpenAccountService(transactions, store, store, store,
            new InboxLimit(10), clock).open(new OpenAccount.Command(null, null));
    private final AccountId account = acme.account().id();
    private final Caller owner = new Caller(account, acme.apiKey().key().id(), KeyScope.ACCOUNT_WIDE);
    private final Inbox support = store.addInbox(account, acme.defaultPod().id());

    @Test
    void anAccountMayHaveTenLiveConnectionsAcrossProcesses() {
        for (int i = 0; i < Subscriber.MAX_PER_ACCOUNT; i++) {
            assertTrue(streams.connect(owner, SubscriberId.generate(), i % 2 == 0 ? "prc_a" : "prc_b"));
        }
        assertFalse(streams.connect(owner, SubscriberId.generate(), "prc_a"));

        clock.advance(Subscriber.DEAD_AFTER.plusSeconds(1));
        assertTrue(streams.connect(owner, SubscriberId.generate(), "prc_c"), "connections of a dead process lapse");
    }

    @Test
    void aSubscribeIsRecordedForTheInstallationAndAddsUp() {
        SubscriberId id = connected(owner);

        StreamEvents.Subscribed first = streams.subscribe(new Subscribe(owner, id, EventFilter.NONE,
                List.of(support.id().value()), List.of("message.received"), null));
        StreamEvents.Subscribed second = streams.subscribe(new Subscribe(owner, id, first.filter(), null,
                List.of("message.sent"), null));

        assertEquals(Set.of(support.id()), first.filter().inboxIds());
        assertTrue(second.filter().allInboxes(), "a subscribe without inbox_ids is to every inbox");
        assertEquals(Set.of(EventType.MESSAGE_RECEIVED, EventType.MESSAGE_SENT), second.filter().types());
        assertTrue(subscribers.subscribed(event(support, EventType.MESSAGE_SENT), NOW));
        assertFalse(subscribers.subscribed(event(support, EventType.MESSAGE_FAILED), NOW));
        assertEquals(List.of(), second.replay());
    }

    @Test
    void anInboxOutsideTheKeysReachIsRefusedAlikeWhetherItExistsOrNot() {
        Pod other = Pod.create(account, null, null, NOW);
        store.insert(other);
        Inbox elsewhere = store.addInbox(account, other.id());
        Inbox theirs = inboxOfAnotherAccount();
        Caller podKey = Callers.podKey(account, acme.defaultPod().id());
        Caller inboxKey = Callers.inboxKey(support);

        for (Caller caller : List.of(podKey, inboxKey)) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> streams.subscribe(
                    new Subscribe(caller, SubscriberId.generate(), EventFilter.NONE, List.of(elsewhere.id().value()),
                            null, null)));
            assertEquals(StreamEventsService.FOREIGN_INBOX, refused.getMessage());
            assertFalse(refused.getMessage().contains(elsewhere.id().value()));
        }
        for (String id : List.of(theirs.id().value(), "inb_nope", "")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> streams.subscribe(
                    new Subscribe(owner, SubscriberId.generate(), EventFilter.NONE, List.of(id), null, null)));
            assertEquals(StreamEventsService.FOREIGN_INBOX, refused.getMessage());
        }
        assertEquals(Set.of(support.id()), streams.subscribe(new Subscribe(inboxKey, SubscriberId.generate(),
                EventFilter.NONE, List.of(support.id().value()), null, null)).filter().inboxIds());
    }

    @Test
    void unknownEventTypesAndTooManyInboxesAreRefused() {
        assertThrows(InvalidInputException.class, () -> streams.subscribe(new Subscribe(owner, SubscriberId.generate(),
                EventFilter.NONE, null, List.of("message.exploded"), null)));
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= StreamEvents.MAX_INBOX_IDS_PER_MESSAGE; i++) {
            many.add(support.id().value());
        }
        assertThrows(InvalidInputException.class, () -> streams.subscribe(new Subscribe(owner, SubscriberId.generate(),
                EventFilter.NONE, many, null, null)));
    }

    @Test
    void aResumeReplaysTheAccountsLaterEventsThatTheSubscriptionHears() {
        Inbox sales = store.addInbox(account, acme.defaultPod().id());
        MailEvent before = event(support, EventType.MESSAGE_RECEIVED);
        MailEvent heard = event(support, EventType.MESSAGE_RECEIVED);
        MailEvent otherInbox = event(sales, EventType.MESSAGE_RECEIVED);
        MailEvent otherType = event(support, EventType.MESSAGE_SENT);
        MailEvent heardToo = event(support, EventType.MESSAGE_RECEIVED);
        store.events().record(List.of(before, heard, otherInbox, otherType, heardToo));

        StreamEvents.Subscribed resumed = streams.subscribe(new Subscribe(owner, connected(owner), EventFilter.NONE,
                List.of(support.id().value()), List.of("message.received"), before.id().value()));

        assertEquals(List.of(heard, heardToo), resumed.replay().stream().map(LoggedEvent::event).toList());
    }

    @Test
    void aResumeFromAnEventNotInTheAccountsLogIsRefusedAndChangesNothing() {
        Inbox theirs = inboxOfAnotherAccount();
        MailEvent notOurs = event(theirs, EventType.MESSAGE_RECEIVED);
        store.events().record(List.of(notOurs));
        SubscriberId id = connected(owner);

        for (String last : List.of(notOurs.id().value(), EventId.generate().value(), "evt_x")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> streams.subscribe(
                    new Subscribe(owner, id, EventFilter.NONE, null, null, last)));
            assertEquals(StreamEventsService.UNKNOWN_LAST_EVENT, refused.getMessage());
        }
        assertFalse(subscribers.subscribed(event(support, EventType.MESSAGE_RECEIVED), NOW));
    }

    @Test
    void unsubscribingFromEverythingOrFromListedInboxes() {
        SubscriberId id = connected(owner);
        EventFilter two = streams.subscribe(new Subscribe(owner, id, EventFilter.NONE,
                List.of(support.id().value()), null, null)).filter();

        assertEquals(Set.of(), streams.unsubscribe(owner, id, two, List.of(support.id().value())).inboxIds());
        assertEquals(EventFilter.NONE, streams.unsubscribe(owner, id, two, null));
        EventFilter all = EventFilter.NONE.plus(Set.of(), Set.of());
        assertThrows(InvalidInputException.class, () -> streams.unsubscribe(owner, id, all,
                List.of(support.id().value())));
        assertFalse(subscribers.subscribed(event(support, EventType.MESSAGE_RECEIVED), NOW));
    }

    @Test
    void aKeyHoldsUntilItIsRevokedAndTheRevocationIsAnnouncedAfterItsCommit() {
        IssuedApiKey minted = new IssueApiKeyService(transactions, store, store, store, store, store, clock)
                .issue(new IssueApiKey.Command(owner, KeyHolder.ACCOUNT, null));
        Caller agent = new Caller(account, minted.key().id(), KeyScope.ACCOUNT_WIDE);
        assertTrue(streams.stillValid(agent));

        new RevokeApiKeyService(transactions, store, store, store, store, store, revocations, new RecentKeys())
                .revoke(owner, KeyHolder.ACCOUNT, minted.key().id());

        assertFalse(streams.stillValid(agent));
        assertEquals(List.of(minted.key().id()), revocations.revoked());
        assertFalse(streams.stillValid(new Caller(account, ApiKeyId.generate(), KeyScope.ACCOUNT_WIDE)));
    }

    @Test
    void aDisconnectedConnectionHearsNothingAndFreesItsPlace() {
        SubscriberId id = connected(owner);
        streams.subscribe(new Subscribe(owner, id, EventFilter.NONE, null, null, null));
        assertTrue(subscribers.subscribed(event(support, EventType.MESSAGE_RECEIVED), NOW));

        streams.disconnect(owner, id);

        assertFalse(subscribers.subscribed(event(support, EventType.MESSAGE_RECEIVED), NOW));
        assertEquals(List.of(), subscribers.all());
    }

    private Inbox inboxOfAnotherAccount() {
        ProvisionedAccount globex = new OpenAccountService(transactions, store, store, store, new InboxLimit(10), clock)
                .open(new OpenAccount.Command(null, null));
        return store.addInbox(globex.account().id(), globex.defaultPod().id());
    }

    private SubscriberId connected(Caller caller) {
        SubscriberId id = SubscriberId.generate();
        assertTrue(streams.connect(caller, id, "prc_test"));
        return id;
    }

    private static MailEvent event(Inbox inbox, EventType type) {
        return new MailEvent(EventId.generate(), type, inbox.accountId(), inbox.podId(), inbox.id(),
                ThreadId.generate(), MessageId.generate(), NOW,
                new MessageSnapshot(null, "a@example.com", inbox.address().value(), List.of(), "Hi", "Hello",
                        List.of(), NOW));
    }
}
