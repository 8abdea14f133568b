package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Browser.Reply;
import dev.openmail.application.fakes.ScriptedWebhooks;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.in.ManageWebhooks;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import dev.openmail.domain.webhook.WebhookRequest;
import dev.openmail.domain.webhook.WebhookResponse;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class WebhookPagesTest {

    private static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>";

    @Inject
    EmbeddedServer server;
    @Inject
    OpenAccount openAccount;
    @Inject
    CreateInbox createInbox;
    @Inject
    GetInbox getInbox;
    @Inject
    ManageWebhooks manageWebhooks;
    @Inject
    ScriptedWebhooks webhooks;

    private ProvisionedAccount account;
    private Caller owner;
    private Browser browser;
    private Inbox inbox;

    @BeforeEach
    void signIn() {
        webhooks.answer(WebhookResponse.answered(200, 5));
        account = openAccount.open(new OpenAccount.Command(null, null));
        owner = owner(account.account().id());
        browser = new Browser(server.getURI());
        browser.signIn(account.apiKey().token().reveal());
        inbox = createInbox.create(new CreateInbox.Command(owner, new PodRef.ById(account.defaultPod().id()), null,
                null, null, null));
    }

    @Test
    void anInboxWithoutAWebhookSaysWhereItsEventsGo() {
        Document page = browser.get(inboxPath()).page();

        assertTrue(page.selectFirst("#no-webhook").text().contains("no webhook of its own"));
        assertTrue(page.selectFirst("#no-webhook").text().contains("The account has no webhook either"));
        assertNull(page.selectFirst("form#test-webhook"), "nothing to test");
        assertNull(page.selectFirst("form#rotate-webhook-secret"), "no secret to rotate");
        assertEquals("No deliveries yet.", page.selectFirst("#deliveries .empty").text());

        manageWebhooks.setAccountWebhook(owner, new WebhookUrl("https://hooks.example/account"));
        Document withFallback = browser.get(inboxPath()).page();

        assertEquals("https://hooks.example/account", withFallback.selectFirst("#no-webhook .account-webhook-url")
                .text());
        assertTrue(withFallback.selectFirst("#no-webhook").text().contains("Its events go to the account's webhook"));
    }

    @Test
    void setsAnInboxWebhookShowsItsSecretOnceTestsItAndListsTheDelivery() {
        Reply set = browser.submit(browser.get(inboxPath()).page(), "form#set-inbox-webhook",
                Map.of("webhookUrl", "https://hooks.example/inbox"));

        assertEquals(200, set.status(), set.body());
        assertNull(set.location(), "the secret is answered in the page, never through a redirect");
        String secret = set.page().selectFirst("#new-secret").text();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(getInbox.get(owner, inbox.id()).webhookSecret().value(), secret);
        assertTrue(set.page().selectFirst(".warning").text().contains("shown only this once"));
        assertTrue(set.page().selectFirst(".secret-holder").text().contains(inbox.address().value()));

        Reply page = browser.get(inboxPath());
        assertFalse(page.body().contains(secret), "the inbox page never shows the secret");
        assertEquals("https://hooks.example/inbox", page.page().selectFirst("#webhook-url").text());
        assertNull(page.page().selectFirst("#no-webhook"));

        Reply tested = browser.submit(page.page(), "form#test-webhook", Map.of());

        assertEquals(200, tested.status(), tested.body());
        assertEquals("The webhook took the test event: HTTP 200 in 5 ms.",
                tested.page().selectFirst("#webhook .notice").text());
        WebhookRequest posted = lastRequest();
        assertEquals("https://hooks.example/inbox", posted.url());
        List<Element> rows = tested.page().select("#deliveries tr.delivery");
        assertEquals(1, rows.size());
        Element row = rows.get(0);
        assertEquals("webhook.test", row.selectFirst(".delivery-event").text());
        assertEquals("1", row.selectFirst(".delivery-attempt").text());
        assertEquals("succeeded", row.selectFirst(".delivery-outcome").text());
        assertEquals("HTTP 200", row.selectFirst(".delivery-answer").text());
        assertEquals("5 ms", row.selectFirst(".delivery-latency").text());
        assertTrue(row.selectFirst(".delivery-at").text().endsWith(" UTC"));
        assertEquals(1, browser.get(inboxPath()).page().select("#deliveries tr.delivery").size(),
                "the log is on the page as read again");
    }

    @Test
    void aFailedTestShowsTheFailureAndHostileTextIsEscaped() {
        withWebhook("https://hooks.example/inbox");
        webhooks.answer(WebhookResponse.failed(HOSTILE, 7));

        Reply failed = browser.submit(browser.get(inboxPath()).page(), "form#test-webhook", Map.of());

        assertEquals(502, failed.status(), failed.body());
        assertEquals("The webhook did not take the test event: " + HOSTILE + ".", failed.error());
        assertNull(failed.page().selectFirst("#webhook .notice"));
        Element row = failed.page().selectFirst("#deliveries tr.delivery");
        assertEquals("failed", row.selectFirst(".delivery-outcome").text());
        assertEquals(HOSTILE, row.selectFirst(".delivery-answer").text());
        assertEquals("7 ms", row.selectFirst(".delivery-latency").text());
        assertTrue(failed.page().select("main script, main img").isEmpty(), "remote text is escaped");
        assertFalse(failed.body().contains("<script>alert"), failed.body());

        webhooks.answer(WebhookResponse.answered(500, 9));
        Reply status = browser.submit(browser.get(inboxPath()).page(), "form#test-webhook", Map.of());

        assertEquals(502, status.status());
        assertTrue(status.error().contains("the endpoint answered HTTP 500"), status.error());
        assertEquals("HTTP 500: the endpoint answered HTTP 500",
                status.page().selectFirst("#deliveries tr.delivery .delivery-answer").text(), "newest first");
        assertTrue(browser.get(inboxPath()).page().select("main script, main img").isEmpty());
    }

    @Test
    void rotatingTheInboxSecretShowsTheNewSecretOnce() {
        withWebhook("https://hooks.example/inbox");
        String before = getInbox.get(owner, inbox.id()).webhookSecret().value();

        Reply rotated = browser.submit(browser.get(inboxPath()).page(), "form#rotate-webhook-secret", Map.of());

        assertEquals(200, rotated.status(), rotated.body());
        assertNull(rotated.location());
        String secret = rotated.page().selectFirst("#new-secret").text();
        assertNotEquals(before, secret);
        assertEquals(getInbox.get(owner, inbox.id()).webhookSecret().value(), secret);
        assertEquals("New webhook signing secret", rotated.page().selectFirst("h1").text());
        assertFalse(browser.get(inboxPath()).body().contains(secret));
    }

    @Test
    void changesAndRemovesAnInboxWebhookAndRefusesABadUrl() {
        withWebhook("https://hooks.example/old");
        String secret = getInbox.get(owner, inbox.id()).webhookSecret().value();

        Reply changed = browser.submit(browser.get(inboxPath()).page(), "form#set-inbox-webhook",
                Map.of("webhookUrl", "https://hooks.example/new"));

        assertEquals(303, changed.status(), changed.body());
        assertEquals(inboxPath() + "#webhook", changed.location());
        assertEquals("https://hooks.example/new", getInbox.get(owner, inbox.id()).webhookUrl().value());
        assertEquals(secret, getInbox.get(owner, inbox.id()).webhookSecret().value(), "a change keeps the secret");

        Reply refused = browser.submit(browser.get(inboxPath()).page(), "form#set-inbox-webhook",
                Map.of("webhookUrl", "ftp://hooks.example/x"));

        assertEquals(422, refused.status());
        assertEquals("webhookUrl must use https (or http).", refused.error());
        assertEquals("https://hooks.example/new", getInbox.get(owner, inbox.id()).webhookUrl().value());

        Reply removed = browser.submit(browser.get(inboxPath()).page(), "form#remove-inbox-webhook", Map.of());

        assertEquals(303, removed.status(), removed.body());
        assertNull(getInbox.get(owner, inbox.id()).webhookUrl());
        assertNotNull(browser.get(inboxPath()).page().selectFirst("#no-webhook"));
    }

    @Test
    void testingAnInboxWithoutAWebhookIsRefusedOnItsPage() {
        String csrf = csrf(browser.get(inboxPath()).page());

        Reply refused = browser.post(inboxPath() + "/webhook/test", Map.of("csrf", csrf));
        Reply rotate = browser.post(inboxPath() + "/webhook/rotate-secret", Map.of("csrf", csrf));

        assertEquals(422, refused.status());
        assertTrue(refused.error().contains("no webhook URL"), refused.error());
        assertEquals(422, rotate.status());
        assertTrue(rotate.error().contains("no webhook URL"), rotate.error());
        assertNull(rotate.page().selectFirst("#new-secret"));
    }

    @Test
    void anotherAccountsInboxWebhookIsNotFound() {
        ProvisionedAccount stranger = openAccount.open(new OpenAccount.Command(null, null));
        Caller them = owner(stranger.account().id());
        Inbox theirs = createInbox.create(new CreateInbox.Command(them, new PodRef.ById(stranger.defaultPod().id()),
                null, null, null, null));
        String csrf = csrf(browser.get(inboxPath()).page());
        String theirPath = "/console/inboxes/" + theirs.id().value();

        assertEquals(404, browser.post(theirPath + "/webhook", Map.of("csrf", csrf,
                "webhookUrl", "https://evil.example/")).status());
        assertEquals(404, browser.post(theirPath + "/webhook/test", Map.of("csrf", csrf)).status());
        assertEquals(404, browser.post(theirPath + "/webhook/rotate-secret", Map.of("csrf", csrf)).status());
        assertNull(getInbox.get(them, theirs.id()).webhookUrl());
    }

    @Test
    void withoutTheCsrfTokenNothingChanges() {
        withWebhook("https://hooks.example/inbox");
        int posted = webhooks.requests().size();

        assertEquals(403, browser.post(inboxPath() + "/webhook", Map.of("webhookUrl", "")).status());
        assertEquals(403, browser.post(inboxPath() + "/webhook/test", Map.of()).status());
        Reply rotate = browser.post(inboxPath() + "/webhook/rotate-secret", Map.of());
        assertEquals(403, rotate.status());
        assertNull(rotate.page().selectFirst("#new-secret"));

        assertEquals("https://hooks.example/inbox", getInbox.get(owner, inbox.id()).webhookUrl().value());
        assertEquals(posted, webhooks.requests().size(), "no test was posted");
    }

    /** Sets the inbox's webhook through its page. */
    private void withWebhook(String url) {
        Reply set = browser.submit(browser.get(inboxPath()).page(), "form#set-inbox-webhook", Map.of("webhookUrl", url));
        assertEquals(200, set.status(), set.body());
    }

    private WebhookRequest lastRequest() {
        List<WebhookRequest> requests = webhooks.requests();
        return requests.get(requests.size() - 1);
    }

    private static String csrf(Document page) {
        return page.selectFirst("input[name=csrf]").attr("value");
    }

    private String inboxPath() {
        return "/console/inboxes/" + inbox.id().value();
    }
}
