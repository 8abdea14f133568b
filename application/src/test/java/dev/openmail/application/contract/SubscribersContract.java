package dev.openmail.application.contract;

import dev.openmail.application.contract.SendingFixture.Opened;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.event.EventFilter;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MessageSnapshot;
import dev.openmail.domain.event.Subscriber;
import dev.openmail.domain.event.SubscriberId;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.out.EventSubscribers;
import dev.openmail.domain.port.out.LiveSubscribers;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every store of live WebSocket connections must do, run against the in-memory fake and the databases. Each test
 * uses accounts and process names of its own, as a database is shared; times are far from the present so that
 * {@code removeDead} of one test does not reach another's rows only by accident of the clock.
 */
public abstract class SubscribersContract {

    private static final Instant T0 = Instant.parse("2030-05-01T10:00:00Z");

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox,
                        SaveMail saveMail, LiveSubscribers live, EventSubscribers subscribers) {
    }

    private Ports p;
    private SendingFixture rows;
    private String instance;

    @BeforeEach
    void setUp() {
        p = ports();
        rows = new SendingFixture(p.saveAccount(), p.savePod(), p.saveInbox(), p.saveMail());
        instance = "prc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    @Test
    void connectionsCountWhileAliveAndAreForgottenWhenRemoved() {
        Opened acme = rows.openAccount();
        Subscriber one = subscriber(acme, KeyScope.ACCOUNT_WIDE, EventFilter.NONE);
        Subscriber two = subscriber(acme, KeyScope.ACCOUNT_WIDE, EventFilter.NONE);
        p.live().add(one, T0);
        p.live().add(two, T0.plusSeconds(30));

        assertEquals(2, p.live().countLive(acme.id(), T0));
        assertEquals(1, p.live().countLive(acme.id(), T0.plusSeconds(1)));
        assertEquals(0, p.live().countLive(rows.openAccount().id(), T0));
        p.live().remove(one.id());
        assertEquals(1, p.live().countLive(acme.id(), T0));
    }

    @Test
    void aHeartbeatKeepsAProcesssConnectionsAliveAndTheDeadAreRemoved() {
        Opened acme = rows.openAccount();
        Subscriber ours = subscriber(acme, KeyScope.ACCOUNT_WIDE, EventFilter.NONE);
        Subscriber theirs = new Subscriber(SubscriberId.generate(), instance + "x", acme.id(), ApiKeyId.generate(),
                KeyScope.ACCOUNT_WIDE, EventFilter.NONE);
        p.live().add(ours, T0);
        p.live().add(theirs, T0);

        p.live().heartbeat(instance, T0.plusSeconds(100));
        assertEquals(1, p.live().countLive(acme.id(), T0.plusSeconds(100)));
        assertTrue(p.live().removeDead(T0.plusSeconds(50)) >= 1);
        assertEquals(1, p.live().countLive(acme.id(), T0));
        p.live().removeInstance(instance);
        assertEquals(0, p.live().countLive(acme.id(), T0));
    }

    @Test
    void anEventIsHeardByALiveConnectionWhoseFilterAndKeyReachIt() {
        Opened acme = rows.openAccount();
        Inbox support = rows.insertInbox(acme);
        Inbox sales = rows.insertInbox(acme);
        MailEvent received = event(support, EventType.MESSAGE_RECEIVED);
        MailEvent sent = event(support, EventType.MESSAGE_SENT);
        MailEvent forSales = event(sales, EventType.MESSAGE_RECEIVED);
        Subscriber subscriber = subscriber(acme, KeyScope.ACCOUNT_WIDE, EventFilter.NONE);
        p.live().add(subscriber, T0);

        assertFalse(p.subscribers().subscribed(received, T0), "subscribed to nothing yet");
        p.live().update(subscriber.id(), EventFilter.NONE.plus(Set.of(support.id()), Set.of(EventType.MESSAGE_RECEIVED)));
        assertTrue(p.subscribers().subscribed(received, T0));
        assertFalse(p.subscribers().subscribed(sent, T0), "another type");
        assertFalse(p.subscribers().subscribed(forSales, T0), "another inbox");
        assertFalse(p.subscribers().subscribed(received, T0.plus(Subscriber.DEAD_AFTER).plusSeconds(1)),
                "a connection not marked alive for long is dead");

        p.live().update(subscriber.id(), EventFilter.NONE.plus(Set.of(), Set.of()));
        assertTrue(p.subscribers().subscribed(forSales, T0), "all inboxes, also one created later");
        assertTrue(p.subscribers().subscribed(sent, T0));
        assertFalse(p.subscribers().subscribed(event(rows.insertInbox(rows.openAccount()), EventType.MESSAGE_SENT), T0),
                "another account's event");
    }

    @Test
    void aScopedKeysConnectionHearsOnlyWithinItsReach() {
        Opened acme = rows.openAccount();
        Inbox inDefaultPod = rows.insertInbox(acme);
        Pod other = Pod.create(acme.id(), null, null, T0);
        p.savePod().insert(other);
        Opened otherPod = new Opened(acme.account(), other);
        Inbox inOtherPod = rows.insertInbox(otherPod);
        EventFilter everything = EventFilter.NONE.plus(Set.of(), Set.of());
        p.live().add(subscriber(acme, KeyScope.pod(other.id()), everything), T0);

        assertTrue(p.subscribers().subscribed(event(inOtherPod, EventType.MESSAGE_RECEIVED), T0));
        assertFalse(p.subscribers().subscribed(event(inDefaultPod, EventType.MESSAGE_RECEIVED), T0));

        Opened globex = rows.openAccount();
        Inbox mine = rows.insertInbox(globex);
        Inbox notMine = rows.insertInbox(globex);
        p.live().add(subscriber(globex, KeyScope.inbox(globex.pod().id(), mine.id()), everything), T0);
        assertTrue(p.subscribers().subscribed(event(mine, EventType.MESSAGE_DELIVERED), T0));
        assertFalse(p.subscribers().subscribed(event(notMine, EventType.MESSAGE_DELIVERED), T0));
    }

    @Test
    void aFilterIsKeptAsWritten() {
        Opened acme = rows.openAccount();
        Inbox one = rows.insertInbox(acme);
        Inbox two = rows.insertInbox(acme);
        Subscriber subscriber = subscriber(acme, KeyScope.ACCOUNT_WIDE,
                EventFilter.NONE.plus(Set.of(one.id(), two.id()), Set.of(EventType.MESSAGE_FAILED, EventType.MESSAGE_SENT)));
        p.live().add(subscriber, T0);

        assertTrue(p.subscribers().subscribed(event(two, EventType.MESSAGE_FAILED), T0));
        assertTrue(p.subscribers().subscribed(event(one, EventType.MESSAGE_SENT), T0));
        assertFalse(p.subscribers().subscribed(event(one, EventType.MESSAGE_RECEIVED), T0));
        p.live().update(subscriber.id(), EventFilter.NONE);
        assertFalse(p.subscribers().subscribed(event(one, EventType.MESSAGE_SENT), T0));
    }

    private Subscriber subscriber(Opened account, KeyScope scope, EventFilter filter) {
        return new Subscriber(SubscriberId.generate(), instance, account.id(), ApiKeyId.generate(), scope, filter);
    }

    private static MailEvent event(Inbox inbox, EventType type) {
        return new MailEvent(EventId.generate(), type, inbox.accountId(), inbox.podId(), inbox.id(),
                ThreadId.generate(), MessageId.generate(), T0,
                new MessageSnapshot(null, "a@example.com", inbox.address().value(), List.of(), "Hi", "Hello",
                        List.of(), T0));
    }
}
