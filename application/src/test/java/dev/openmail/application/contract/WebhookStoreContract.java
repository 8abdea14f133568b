package dev.openmail.application.contract;

import dev.openmail.application.contract.SendingFixture.Opened;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MessageSnapshot;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.out.AccountWebhooks;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.port.out.WebhookDeliveries;
import dev.openmail.domain.webhook.AccountWebhook;
import dev.openmail.domain.webhook.AttemptOutcome;
import dev.openmail.domain.webhook.DeliveryStatus;
import dev.openmail.domain.webhook.WebhookAttempt;
import dev.openmail.domain.webhook.WebhookDelivery;
import dev.openmail.domain.webhook.WebhookResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.openmail.application.contract.SendingFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every store of webhook deliveries, their log and accounts' webhooks must do, run against the in-memory fake
 * and the databases. Claiming reads every account's deliveries and a database is shared by all tests, so before each
 * test every delivery already due is claimed for centuries, as the outbox contract does.
 */
public abstract class WebhookStoreContract {

    private static final String ROCKET = "\uD83D\uDE80";
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Instant CLAIMED_BEFORE = Instant.parse("3000-01-01T00:00:00Z");
    private static final Duration CENTURIES = Duration.ofDays(365L * 500);

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox,
                        SaveMail saveMail, RecordEvents recordEvents, LoadEvents loadEvents,
                        WebhookDeliveries deliveries, AccountWebhooks accountWebhooks) {
    }

    private Ports p;
    private SendingFixture rows;

    @BeforeEach
    void claimEveryDeliveryAlreadyDue() {
        p = ports();
        rows = new SendingFixture(p.saveAccount(), p.savePod(), p.saveInbox(), p.saveMail());
        for (int round = 0; !p.transactions().inTransaction(() ->
                p.deliveries().claimDue(CLAIMED_BEFORE, CENTURIES, 500)).isEmpty(); round++) {
            if (round == 1000) {
                fail("deliveries already due keep coming back after being claimed for centuries");
            }
        }
    }

    private MailEvent record(Inbox inbox, Instant at) {
        MailEvent event = new MailEvent(EventId.generate(), EventType.MESSAGE_RECEIVED, inbox.accountId(),
                inbox.podId(), inbox.id(), ThreadId.generate(), MessageId.generate(), at,
                new MessageSnapshot(null, "a@example.com", inbox.address().value(), List.of(), "Hi", "Hello",
                        List.of(), at));
        p.transactions().inTransaction(() -> p.recordEvents().record(List.of(event)));
        return event;
    }

    private List<WebhookDelivery> claim(Instant now) {
        return p.transactions().inTransaction(() -> p.deliveries().claimDue(now, LEASE, 100));
    }

    @Test
    void recordingAnEventWritesItsDeliveryPendingAndDueAtOnce() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        MailEvent event = record(inbox, T0);

        assertEquals(List.of(WebhookDelivery.of(event)), claim(T0));
        assertEquals(event, p.loadEvents().find(inbox.accountId(), event.id()).orElseThrow());
        assertTrue(p.loadEvents().find(rows.openAccount().id(), event.id()).isEmpty(),
                "another account finds no event of this one");
    }

    @Test
    void aClaimedDeliveryIsClaimedAgainOnlyWhenItsLeaseHasEnded() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        MailEvent event = record(inbox, T0);

        assertEquals(1, claim(T0).size());
        assertEquals(List.of(), claim(T0.plus(LEASE)));
        assertEquals(List.of(event.id()), claim(T0.plus(LEASE).plusMillis(1)).stream()
                .map(WebhookDelivery::eventId).toList());
    }

    @Test
    void anUpdateStoresTheNewStateAndEndsTheClaim() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        MailEvent retried = record(inbox, T0);
        MailEvent delivered = record(inbox, T0);
        claim(T0);
        WebhookDelivery failedOnce = WebhookDelivery.of(retried).attemptFailed(T0);

        p.transactions().inTransaction(() -> {
            p.deliveries().update(failedOnce);
            p.deliveries().update(WebhookDelivery.of(delivered).delivered());
        });

        assertEquals(List.of(), claim(T0.plusSeconds(30).minusMillis(1)));
        assertEquals(List.of(failedOnce), claim(T0.plusSeconds(30)));
        p.transactions().inTransaction(() -> p.deliveries().update(failedOnce.viaWebSocket()));
        assertEquals(List.of(), claim(T0.plus(Duration.ofDays(1))), "only pending deliveries are claimed");
    }

    @Test
    void concurrentClaimsTakeEachDeliveryOnce() throws Exception {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        Set<EventId> recorded = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            recorded.add(record(inbox, T0).id());
        }
        int workers = 4;
        CyclicBarrier start = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<List<WebhookDelivery>>> claims = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                claims.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return p.transactions().inTransaction(() -> p.deliveries().claimDue(T0, LEASE, 5));
                }));
            }
            List<EventId> claimed = new ArrayList<>();
            for (Future<List<WebhookDelivery>> claim : claims) {
                claim.get(60, TimeUnit.SECONDS).forEach(delivery -> claimed.add(delivery.eventId()));
            }
            assertEquals(claimed.size(), new HashSet<>(claimed).size(), "claimed twice: " + claimed);
            assertTrue(recorded.containsAll(claimed));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLogIsReadNewestFirstByInboxAndByAccount() {
        Opened acme = rows.openAccount();
        Inbox one = rows.insertInbox(acme);
        Inbox two = rows.insertInbox(acme);
        WebhookAttempt first = WebhookAttempt.posted(EventId.generate(), "message.received", acme.id(), one.id(), 1,
                T0, "https://hooks.example/" + ROCKET, WebhookResponse.answered(500, 12));
        WebhookAttempt second = WebhookAttempt.notPosted(EventId.generate(), "message.sent", acme.id(), two.id(),
                T0.plusMillis(1), AttemptOutcome.WEBSOCKET);
        WebhookAttempt test = WebhookAttempt.posted(EventId.generate(), "webhook.test", acme.id(), null, 1,
                T0.plusMillis(2), "https://acme.example/hook", WebhookResponse.failed("timed out " + ROCKET, 15_000));
        p.transactions().inTransaction(() -> List.of(first, second, test).forEach(p.deliveries()::log));

        assertEquals(new Page<>(List.of(first), 1),
                p.deliveries().attemptsOfInbox(acme.id(), one.id(), PageRequest.firstPage()));
        assertEquals(new Page<>(List.of(test, second, first), 3),
                p.deliveries().attemptsOfAccount(acme.id(), PageRequest.firstPage()));
        assertEquals(new Page<>(List.of(second), 3),
                p.deliveries().attemptsOfAccount(acme.id(), new PageRequest(1, 1)));
        assertEquals(0, p.deliveries().attemptsOfAccount(rows.openAccount().id(), PageRequest.firstPage()).total());
    }

    @Test
    void anInboxTakesItsDeliveriesAndLogWithIt() {
        Opened acme = rows.openAccount();
        Inbox gone = rows.insertInbox(acme);
        Inbox kept = rows.insertInbox(acme);
        record(gone, T0);
        MailEvent keptEvent = record(kept, T0);
        p.transactions().inTransaction(() -> p.deliveries().log(WebhookAttempt.notPosted(EventId.generate(),
                "message.received", acme.id(), gone.id(), T0, AttemptOutcome.NO_WEBHOOK)));

        p.transactions().inTransaction(() -> p.saveInbox().remove(gone));

        assertEquals(List.of(keptEvent.id()), claim(T0).stream().map(WebhookDelivery::eventId).toList());
        assertEquals(0, p.deliveries().attemptsOfAccount(acme.id(), PageRequest.firstPage()).total());
        // A log entry of an inbox deleted meanwhile is dropped, not an error.
        p.transactions().inTransaction(() -> p.deliveries().log(WebhookAttempt.notPosted(EventId.generate(),
                "message.received", acme.id(), gone.id(), T0, AttemptOutcome.NO_WEBHOOK)));
        assertEquals(0, p.deliveries().attemptsOfAccount(acme.id(), PageRequest.firstPage()).total());
    }

    @Test
    void oldLogEntriesAreRemovedABatchAtATime() {
        Opened acme = rows.openAccount();
        Instant longAgo = Instant.parse("1971-01-01T00:00:00Z");
        p.transactions().inTransaction(() -> {
            for (int i = 0; i < 3; i++) {
                p.deliveries().log(WebhookAttempt.notPosted(EventId.generate(), "message.received", acme.id(), null,
                        longAgo.plusMillis(i), AttemptOutcome.NO_WEBHOOK));
            }
            p.deliveries().log(WebhookAttempt.notPosted(EventId.generate(), "message.received", acme.id(), null, T0,
                    AttemptOutcome.NO_WEBHOOK));
        });

        int removed = 0;
        for (int batch; (batch = p.transactions().inTransaction(() ->
                p.deliveries().removeAttemptsBefore(longAgo.plusSeconds(1), 2))) > 0; ) {
            assertTrue(batch <= 2);
            removed += batch;
        }

        assertEquals(3, removed);
        assertEquals(1, p.deliveries().attemptsOfAccount(acme.id(), PageRequest.firstPage()).total());
    }

    @Test
    void anAccountsWebhookIsSavedChangedAndRemoved() {
        AccountId acme = rows.openAccount().id();
        AccountId globex = rows.openAccount().id();
        AccountWebhook first = new AccountWebhook(new WebhookUrl("https://acme.example/" + ROCKET),
                WebhookSecret.generate());
        AccountWebhook changed = new AccountWebhook(new WebhookUrl("https://acme.example/v2"), first.secret());

        assertTrue(p.accountWebhooks().find(acme).isEmpty());
        p.transactions().inTransaction(() -> p.accountWebhooks().save(acme, first));
        assertEquals(first, p.accountWebhooks().find(acme).orElseThrow());
        p.transactions().inTransaction(() -> p.accountWebhooks().save(acme, changed));
        assertEquals(changed, p.transactions().inTransaction(() -> p.accountWebhooks().findForUpdate(acme))
                .orElseThrow());
        assertTrue(p.accountWebhooks().find(globex).isEmpty());

        p.transactions().inTransaction(() -> p.accountWebhooks().remove(acme));
        assertTrue(p.accountWebhooks().find(acme).isEmpty());
    }
}
