package dev.openmail.application.webhook;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.port.out.PostWebhook;
import dev.openmail.domain.webhook.AccountWebhook;
import dev.openmail.domain.webhook.AttemptOutcome;
import dev.openmail.domain.webhook.DeliveryStatus;
import dev.openmail.domain.webhook.WebhookAttempt;
import dev.openmail.domain.webhook.WebhookDelivery;
import dev.openmail.domain.webhook.WebhookRequest;
import dev.openmail.domain.webhook.WebhookResponse;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.openmail.application.webhook.WebhookFixture.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliverWebhooksServiceTest {

    private static final String HOOK = "https://hooks.example.com/openmail";

    private final WebhookFixture fixture = new WebhookFixture();
    private final AccountId acme = fixture.account();
    private final Inbox hooked = fixture.inbox(acme, "hooked", HOOK);
    private final Inbox plain = fixture.inbox(acme, "plain", null);

    private List<WebhookAttempt> log() {
        return fixture.store.webhooks().attemptsOfAccount(acme, new dev.openmail.domain.common.PageRequest(100, 0))
                .items();
    }

    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEventIsPostedSignedToItsInboxsWebhookAndDelivered() throws Exception {
        MailEvent event = fixture.received(hooked, "Hello");

        assertEquals(1, fixture.runDue(fixture.deliverer()));

        WebhookRequest request = fixture.endpoints.requests().get(0);
        assertEquals(HOOK, request.url());
        assertArrayEquals(fixture.renderer.payload(event, 1, T0), request.body());
        assertEquals(event.id().value(), request.headers().get("X-Event-Id"));
        assertEquals(Long.toString(T0.getEpochSecond()), request.headers().get("X-Timestamp"));
        assertEquals("application/json", request.headers().get("Content-Type"));
        String body = new String(request.body(), StandardCharsets.UTF_8);
        assertEquals(hmac(hooked.webhookSecret().value(), T0.getEpochSecond() + "." + body),
                request.headers().get("X-Signature"));
        assertEquals(DeliveryStatus.DELIVERED, fixture.delivery(event).status());
        WebhookAttempt logged = log().get(0);
        assertEquals(AttemptOutcome.SUCCEEDED, logged.outcome());
        assertEquals(1, logged.attempt());
        assertEquals(200, logged.statusCode());
        assertEquals(HOOK, logged.url());
        assertEquals("message.received", logged.eventType());
        assertEquals(hooked.id(), logged.inboxId());
        assertNull(logged.error());
    }

    @Test
    void aFailingWebhookIsTriedFiveTimesOnTheDocumentedScheduleThenFails() {
        fixture.endpoints.answer(WebhookResponse.answered(500, 3));
        MailEvent event = fixture.received(hooked, "Retry me");
        DeliverWebhooksService deliverer = fixture.deliverer();
        List<Duration> waits = List.of(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2),
                Duration.ofMinutes(4));

        assertEquals(1, fixture.runDue(deliverer));
        for (Duration wait : waits) {
            WebhookDelivery pending = fixture.delivery(event);
            assertEquals(DeliveryStatus.PENDING, pending.status());
            assertEquals(fixture.clock.instant().plus(wait), pending.nextAttemptAt());
            fixture.clock.advance(wait.minusMillis(1));
            assertEquals(0, fixture.runDue(deliverer), "not due a millisecond early");
            fixture.clock.advance(Duration.ofMillis(1));
            assertEquals(1, fixture.runDue(deliverer));
        }

        assertEquals(DeliveryStatus.FAILED, fixture.delivery(event).status());
        assertEquals(5, fixture.delivery(event).attempts());
        List<String> bodies = fixture.endpoints.requests().stream()
                .map(request -> new String(request.body(), StandardCharsets.UTF_8)).toList();
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertTrue(bodies.get(attempt - 1).contains("attempt=" + attempt), bodies.get(attempt - 1));
        }
        fixture.clock.advance(Duration.ofHours(1));
        assertEquals(0, fixture.runDue(deliverer));
        assertEquals(5, fixture.endpoints.requests().size());
        List<WebhookAttempt> logged = log();
        assertEquals(5, logged.size());
        assertTrue(logged.stream().allMatch(attempt -> attempt.outcome() == AttemptOutcome.FAILED
                && attempt.statusCode() == 500 && "the endpoint answered HTTP 500".equals(attempt.error())));
    }

    @Test
    void aLaterAttemptThatSucceedsDeliversTheEvent() {
        fixture.endpoints.thenAnswer(WebhookResponse.failed("timed out after 15 s", 15_000));
        MailEvent event = fixture.received(hooked, "Second time lucky");
        DeliverWebhooksService deliverer = fixture.deliverer();

        fixture.runDue(deliverer);
        fixture.clock.advance(Duration.ofSeconds(30));
        fixture.runDue(deliverer);

        assertEquals(DeliveryStatus.DELIVERED, fixture.delivery(event).status());
        assertEquals(2, fixture.delivery(event).attempts());
        assertEquals(List.of(AttemptOutcome.SUCCEEDED, AttemptOutcome.FAILED),
                log().stream().map(WebhookAttempt::outcome).toList());
        assertEquals("timed out after 15 s", log().get(1).error());
        assertEquals(0, log().get(1).statusCode());
    }

    @Test
    void anInboxWithoutAWebhookUsesTheAccountsWebhookAndItsSecret() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        fixture.store.webhooks().save(acme, new AccountWebhook(new WebhookUrl("https://acme.example/hook"), secret));
        fixture.received(plain, "To the account");

        fixture.runDue(fixture.deliverer());

        WebhookRequest request = fixture.endpoints.requests().get(0);
        assertEquals("https://acme.example/hook", request.url());
        assertEquals(hmac(secret.value(), request.headers().get("X-Timestamp") + "."
                + new String(request.body(), StandardCharsets.UTF_8)), request.headers().get("X-Signature"));
    }

    @Test
    void anInboxsOwnWebhookWinsOverTheAccounts() {
        fixture.store.webhooks().save(acme, new AccountWebhook(new WebhookUrl("https://acme.example/hook"),
                WebhookSecret.generate()));
        fixture.received(hooked, "Mine");

        fixture.runDue(fixture.deliverer());

        assertEquals(List.of(HOOK), fixture.endpoints.requests().stream().map(WebhookRequest::url).toList());
    }

    @Test
    void withNoWebhookAtAllTheEventStaysInTheLogAndItsDeliveryFails() {
        MailEvent event = fixture.received(plain, "Nobody listens");

        fixture.runDue(fixture.deliverer());

        assertTrue(fixture.endpoints.requests().isEmpty());
        assertEquals(DeliveryStatus.FAILED, fixture.delivery(event).status());
        assertEquals(AttemptOutcome.NO_WEBHOOK, log().get(0).outcome());
        assertEquals(0, log().get(0).attempt());
        assertTrue(fixture.store.events().find(acme, event.id()).isPresent());
    }

    @Test
    void anEventAWebSocketSubscriptionHearsIsNotPosted() {
        fixture.subscribers.listeningTo(event -> event.inboxId().equals(hooked.id()));
        MailEvent event = fixture.received(hooked, "Over the socket");

        fixture.runDue(fixture.deliverer());

        assertTrue(fixture.endpoints.requests().isEmpty());
        assertEquals(DeliveryStatus.WEBSOCKET, fixture.delivery(event).status());
        assertEquals(AttemptOutcome.WEBSOCKET, log().get(0).outcome());
    }

    @Test
    void retriesGoToTheWebhookEvenOnceAWebSocketListens() {
        fixture.endpoints.thenAnswer(WebhookResponse.answered(503, 2));
        MailEvent event = fixture.received(hooked, "Started without a socket");
        DeliverWebhooksService deliverer = fixture.deliverer();
        fixture.runDue(deliverer);
        fixture.subscribers.listeningTo(any -> true);
        fixture.clock.advance(Duration.ofSeconds(30));

        fixture.runDue(deliverer);

        assertEquals(2, fixture.endpoints.requests().size());
        assertEquals(DeliveryStatus.DELIVERED, fixture.delivery(event).status());
    }

    @Test
    void aClaimedDeliveryIsNotClaimedAgainUntilItsLeaseEnds() {
        MailEvent event = fixture.received(hooked, "Claimed once");
        DeliverWebhooksService one = fixture.deliverer();
        DeliverWebhooksService other = fixture.deliverer();

        assertEquals(1, one.claimDue(10).size());
        assertTrue(other.claimDue(10).isEmpty());
        // The first worker died mid-delivery: when its lease ends, the delivery is taken again.
        fixture.clock.advance(Duration.ofMinutes(1).plusMillis(1));
        List<WebhookDelivery> again = other.claimDue(10);

        assertEquals(List.of(event.id()), again.stream().map(WebhookDelivery::eventId).toList());
        other.deliver(again.get(0));
        assertEquals(DeliveryStatus.DELIVERED, fixture.delivery(event).status());
        assertEquals(1, fixture.delivery(event).attempts());
    }

    @Test
    void aDeliveryThatWaitedPastHalfItsLeaseAfterItsClaimGoesBackUnposted() {
        MailEvent event = fixture.received(hooked, "Queued too long");
        DeliverWebhooksService deliverer = fixture.deliverer();
        List<WebhookDelivery> due = deliverer.claimDue(10);
        fixture.clock.advance(Duration.ofSeconds(31));

        due.forEach(deliverer::deliver);

        assertTrue(fixture.endpoints.requests().isEmpty(), "another worker may take it once the lease ends");
        assertEquals(0, fixture.delivery(event).attempts());
        assertEquals(List.of(event.id()), deliverer.claimDue(10).stream().map(WebhookDelivery::eventId).toList());
    }

    @Test
    void theEventOfADeletedInboxIsNotPosted() {
        fixture.received(hooked, "Gone");
        DeliverWebhooksService deliverer = fixture.deliverer();
        List<WebhookDelivery> due = deliverer.claimDue(10);
        fixture.transactions.inTransaction(() -> fixture.store.remove(hooked));

        due.forEach(deliverer::deliver);

        assertTrue(fixture.endpoints.requests().isEmpty());
        assertTrue(log().isEmpty());
    }

    /** An endpoint under slow.example that answers only when the test lets it; every other one answers at once. */
    private static final class SlowHost implements PostWebhook {
        final CountDownLatch slowStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> posted = new ArrayList<>();

        @Override
        public WebhookResponse post(WebhookRequest request) {
            synchronized (posted) {
                posted.add(request.url());
            }
            if (request.url().startsWith("https://slow.example")) {
                slowStarted.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return WebhookResponse.answered(200, 1);
        }

        List<String> posted() {
            synchronized (posted) {
                return List.copyOf(posted);
            }
        }
    }

    private DeliverWebhooksService oneWorkerPerHost(PostWebhook endpoints) {
        return new DeliverWebhooksService(fixture.transactions, fixture.store.webhooks(), fixture.store.events(),
                fixture.store, fixture.store.webhooks(), fixture.subscribers, fixture.renderer, endpoints,
                fixture.clock, new DeliverWebhooksService.Settings(Duration.ofMinutes(1), 1, Duration.ofSeconds(2)));
    }

    @Test
    void aSlowHostHoldsNoMoreThanItsShareOfWorkersAndItsQueueWaitsForItsOwn() throws Exception {
        SlowHost endpoints = new SlowHost();
        Inbox slow1 = fixture.inbox(acme, "slow1", "https://slow.example/a");
        Inbox slow2 = fixture.inbox(acme, "slow2", "https://slow.example/b");
        MailEvent first = fixture.received(slow1, "one");
        MailEvent second = fixture.received(slow2, "two");
        MailEvent other = fixture.received(hooked, "elsewhere");
        DeliverWebhooksService deliverer = oneWorkerPerHost(endpoints);
        List<WebhookDelivery> due = deliverer.claimDue(10);
        WebhookDelivery firstDelivery = due.stream().filter(d -> d.eventId().equals(first.id())).findFirst()
                .orElseThrow();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> busy = pool.submit(() -> deliverer.deliver(firstDelivery));
            assertTrue(endpoints.slowStarted.await(30, TimeUnit.SECONDS));

            // Another worker: the other host's delivery goes at once; the slow host's second waits, parked.
            due.stream().filter(d -> !d.eventId().equals(first.id())).forEach(deliverer::deliver);

            assertEquals(DeliveryStatus.DELIVERED, fixture.delivery(other).status());
            assertEquals(DeliveryStatus.PENDING, fixture.delivery(second).status());
            assertEquals(0, fixture.delivery(second).attempts(), "waiting for its host uses up no attempt");
            assertEquals(List.of("https://slow.example/a", HOOK), endpoints.posted());
            endpoints.release.countDown();
            busy.get(30, TimeUnit.SECONDS);
        } finally {
            endpoints.release.countDown();
            pool.shutdownNow();
        }
        // The worker that held the slow host's slot went on with the delivery parked for it.
        assertEquals(List.of("https://slow.example/a", HOOK, "https://slow.example/b"), endpoints.posted());
        assertEquals(DeliveryStatus.DELIVERED, fixture.delivery(second).status());
    }

    @Test
    void aDeliveryParkedPastHalfItsLeaseGoesBackToTheQueueUnposted() throws Exception {
        SlowHost endpoints = new SlowHost();
        MailEvent first = fixture.received(fixture.inbox(acme, "slow1", "https://slow.example/a"), "one");
        MailEvent second = fixture.received(fixture.inbox(acme, "slow2", "https://slow.example/b"), "two");
        DeliverWebhooksService deliverer = oneWorkerPerHost(endpoints);
        List<WebhookDelivery> due = deliverer.claimDue(10);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> busy = pool.submit(() -> deliverer.deliver(due.stream()
                    .filter(d -> d.eventId().equals(first.id())).findFirst().orElseThrow()));
            assertTrue(endpoints.slowStarted.await(30, TimeUnit.SECONDS));
            deliverer.deliver(due.stream().filter(d -> d.eventId().equals(second.id())).findFirst().orElseThrow());
            fixture.clock.advance(Duration.ofSeconds(31));
            endpoints.release.countDown();
            busy.get(30, TimeUnit.SECONDS);
        } finally {
            endpoints.release.countDown();
            pool.shutdownNow();
        }

        assertEquals(List.of("https://slow.example/a"), endpoints.posted());
        WebhookDelivery returned = fixture.delivery(second);
        assertEquals(DeliveryStatus.PENDING, returned.status());
        assertEquals(0, returned.attempts());
        assertEquals(List.of(second.id()), deliverer.claimDue(10).stream().map(WebhookDelivery::eventId).toList(),
                "its claim ended: it is due again at once");
    }

    @Test
    void pastTheParkingLimitADeliveryIsPutOffWithoutUsingUpAnAttempt() throws Exception {
        SlowHost endpoints = new SlowHost();
        Inbox slow = fixture.inbox(acme, "slow1", "https://slow.example/a");
        MailEvent first = fixture.received(slow, "first");
        List<MailEvent> waiting = new ArrayList<>();
        for (int i = 0; i <= HostSlots.MAX_PARKED; i++) {
            waiting.add(fixture.received(slow, "waiting " + i));
        }
        DeliverWebhooksService deliverer = oneWorkerPerHost(endpoints);
        List<WebhookDelivery> due = deliverer.claimDue(1000);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> busy = pool.submit(() -> deliverer.deliver(due.stream()
                    .filter(d -> d.eventId().equals(first.id())).findFirst().orElseThrow()));
            assertTrue(endpoints.slowStarted.await(30, TimeUnit.SECONDS));
            due.stream().filter(d -> !d.eventId().equals(first.id())).forEach(deliverer::deliver);

            long putOff = waiting.stream().map(fixture::delivery)
                    .filter(d -> d.nextAttemptAt().equals(T0.plus(Duration.ofSeconds(2)))).count();
            assertEquals(1, putOff, "one more than the parking holds goes back to the queue");
            endpoints.release.countDown();
            busy.get(60, TimeUnit.SECONDS);
        } finally {
            endpoints.release.countDown();
            pool.shutdownNow();
        }
        assertEquals(1 + HostSlots.MAX_PARKED, endpoints.posted().size());
    }

    @Test
    void aRotatedSecretSignsTheNextDelivery() throws Exception {
        WebhookSecret rotated = fixture.manager().rotateInboxSecret(
                dev.openmail.application.fakes.Callers.owner(acme), hooked.id());
        fixture.received(hooked, "After rotation");

        fixture.runDue(fixture.deliverer());

        WebhookRequest request = fixture.endpoints.requests().get(0);
        assertEquals(hmac(rotated.value(), request.headers().get("X-Timestamp") + "."
                + new String(request.body(), StandardCharsets.UTF_8)), request.headers().get("X-Signature"));
    }
}
