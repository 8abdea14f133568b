package dev.openmail.application.webhook;

import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.ManageWebhooks;
import dev.openmail.domain.webhook.AccountWebhook;
import dev.openmail.domain.webhook.AttemptOutcome;
import dev.openmail.domain.webhook.NoWebhookUrlException;
import dev.openmail.domain.webhook.WebhookAttempt;
import dev.openmail.domain.webhook.WebhookFailedException;
import dev.openmail.domain.webhook.WebhookRequest;
import dev.openmail.domain.webhook.WebhookResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManageWebhooksServiceTest {

    private static final String HOOK = "https://hooks.example.com/in";

    private final WebhookFixture fixture = new WebhookFixture();
    private final ManageWebhooksService webhooks = fixture.manager();
    private final AccountId acme = fixture.account();
    private final PodId pod = fixture.pod(acme);
    private final Inbox hooked = fixture.inbox(acme, pod, "hooked", HOOK);
    private final Inbox plain = fixture.inbox(acme, pod, "plain", null);
    private final AccountId other = fixture.account();

    private Inbox stored(Inbox inbox) {
        return fixture.store.find(inbox.accountId(), inbox.id()).orElseThrow();
    }

    @Test
    void rotatingGivesANewSecretThatReplacesTheOld() {
        WebhookSecret before = hooked.webhookSecret();

        WebhookSecret rotated = webhooks.rotateInboxSecret(owner(acme), hooked.id());

        assertNotEquals(before, rotated);
        assertTrue(rotated.value().startsWith("whsec_"));
        assertEquals(rotated, stored(hooked).webhookSecret());
        assertEquals(HOOK, stored(hooked).webhookUrl().value());
    }

    @Test
    void onlyAnAccountKeyRotatesAndOnlyItsOwnInboxes() {
        assertThrows(ForbiddenException.class, () -> webhooks.rotateInboxSecret(podKey(acme, pod), hooked.id()));
        assertThrows(ForbiddenException.class, () -> webhooks.rotateInboxSecret(inboxKey(hooked), hooked.id()));
        assertThrows(NotFoundException.class, () -> webhooks.rotateInboxSecret(owner(other), hooked.id()));
        assertEquals(hooked.webhookSecret(), stored(hooked).webhookSecret());
    }

    @Test
    void anInboxWithoutAWebhookHasNoSecretToRotateOrWebhookToTest() {
        assertThrows(NoWebhookUrlException.class, () -> webhooks.rotateInboxSecret(owner(acme), plain.id()));
        assertThrows(NoWebhookUrlException.class, () -> webhooks.testInbox(owner(acme), plain.id()));
        assertTrue(fixture.endpoints.requests().isEmpty());
    }

    @Test
    void aTestPostsASignedWebhookTestEventAndLogsIt() {
        WebhookResponse response = webhooks.testInbox(podKey(acme, pod), hooked.id());

        assertTrue(response.succeeded());
        WebhookRequest request = fixture.endpoints.requests().get(0);
        assertEquals(HOOK, request.url());
        String body = new String(request.body(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("webhook.test " + request.headers().get("X-Event-Id") + " inbox=" + hooked.id()),
                body);
        assertEquals(dev.openmail.domain.webhook.WebhookSignature.sign(hooked.webhookSecret(),
                Long.parseLong(request.headers().get("X-Timestamp")), request.body()),
                request.headers().get("X-Signature"));
        WebhookAttempt logged = webhooks.inboxDeliveries(owner(acme), hooked.id(), PageRequest.firstPage()).items()
                .get(0);
        assertEquals("webhook.test", logged.eventType());
        assertEquals(AttemptOutcome.SUCCEEDED, logged.outcome());
    }

    @Test
    void aTestTheWebhookRefusesFailsWithItsReasonAndIsLogged() {
        fixture.endpoints.answer(WebhookResponse.answered(500, 4));

        WebhookFailedException failure = assertThrows(WebhookFailedException.class,
                () -> webhooks.testInbox(owner(acme), hooked.id()));

        assertTrue(failure.getMessage().contains("HTTP 500"), failure.getMessage());
        assertEquals(AttemptOutcome.FAILED, webhooks.accountDeliveries(owner(acme), PageRequest.firstPage()).items()
                .get(0).outcome());
    }

    @Test
    void anInboxKeyNeitherTestsNorReadsDeliveries() {
        assertThrows(ForbiddenException.class, () -> webhooks.testInbox(inboxKey(hooked), hooked.id()));
        assertThrows(ForbiddenException.class,
                () -> webhooks.inboxDeliveries(inboxKey(hooked), hooked.id(), PageRequest.firstPage()));
        assertThrows(ForbiddenException.class, () -> webhooks.accountDeliveries(podKey(acme, pod),
                PageRequest.firstPage()));
        assertThrows(NotFoundException.class, () -> webhooks.testInbox(owner(other), hooked.id()));
        assertTrue(fixture.endpoints.requests().isEmpty());
    }

    @Test
    void theAccountWebhookGetsASecretOnceAndKeepsItWhenItsUrlChanges() {
        assertTrue(webhooks.accountWebhook(owner(acme)).isEmpty());

        ManageWebhooks.Saved saved = webhooks.setAccountWebhook(owner(acme), new WebhookUrl("https://a.example/1"));
        AccountWebhook first = saved.webhook();
        ManageWebhooks.Saved moved = webhooks.setAccountWebhook(owner(acme), new WebhookUrl("https://a.example/2"));

        assertEquals(first.secret(), saved.issuedSecret());
        assertNull(moved.issuedSecret(), "a secret is shown only when issued");
        assertEquals(first.secret(), moved.webhook().secret());
        assertEquals("https://a.example/2", webhooks.accountWebhook(owner(acme)).orElseThrow().url().value());
        WebhookSecret rotated = webhooks.rotateAccountSecret(owner(acme));
        assertNotEquals(first.secret(), rotated);
        assertEquals(rotated, webhooks.accountWebhook(owner(acme)).orElseThrow().secret());
        assertTrue(webhooks.accountWebhook(owner(other)).isEmpty(), "another account's webhook is its own");

        webhooks.removeAccountWebhook(owner(acme));
        assertTrue(webhooks.accountWebhook(owner(acme)).isEmpty());
        assertThrows(NoWebhookUrlException.class, () -> webhooks.rotateAccountSecret(owner(acme)));
        assertThrows(NoWebhookUrlException.class, () -> webhooks.testAccount(owner(acme)));
    }

    @Test
    void theAccountWebhookTestIsLoggedWithoutAnInbox() {
        webhooks.setAccountWebhook(owner(acme), new WebhookUrl("https://a.example/hook"));

        webhooks.testAccount(owner(acme));

        WebhookAttempt logged = webhooks.accountDeliveries(owner(acme), PageRequest.firstPage()).items().get(0);
        assertNull(logged.inboxId());
        assertEquals("https://a.example/hook", logged.url());
        assertFalse(new String(fixture.endpoints.requests().get(0).body(), StandardCharsets.UTF_8).contains("inb_"));
    }

    @Test
    void onlyAnAccountKeyManagesTheAccountWebhook() {
        List<Runnable> calls = List.of(
                () -> webhooks.accountWebhook(podKey(acme, pod)),
                () -> webhooks.setAccountWebhook(podKey(acme, pod), new WebhookUrl("https://a.example/x")),
                () -> webhooks.removeAccountWebhook(inboxKey(hooked)),
                () -> webhooks.rotateAccountSecret(podKey(acme, pod)),
                () -> webhooks.testAccount(inboxKey(hooked)));
        calls.forEach(call -> assertThrows(ForbiddenException.class, call::run));
        assertTrue(webhooks.accountWebhook(owner(acme)).isEmpty());
    }

    @Test
    void theDeliveryLogsAreNewestFirstAndPaged() {
        webhooks.testInbox(owner(acme), hooked.id());
        fixture.clock.advance(java.time.Duration.ofSeconds(1));
        webhooks.testInbox(owner(acme), hooked.id());

        var page = webhooks.inboxDeliveries(owner(acme), hooked.id(), new PageRequest(1, 0));

        assertEquals(2, page.total());
        assertEquals(1, page.items().size());
        assertEquals(fixture.clock.instant(), page.items().get(0).at());
        assertEquals(0, webhooks.inboxDeliveries(owner(acme), plain.id(), PageRequest.firstPage()).total());
    }
}
