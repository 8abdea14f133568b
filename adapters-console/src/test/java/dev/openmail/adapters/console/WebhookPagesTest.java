package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Browser.Reply;
import dev.openmail.application.fakes.ScriptedWebhooks;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.in.ManageWebhooks;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import dev.openmail.domain.webhook.AccountWebhook;
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
    IssueApiKey issueApiKey;
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
    void theNavigationLinksToTheAccountsWebhook() {
        Document pods = browser.get("/console/pods").page();

        assertNotNull(pods.selectFirst("header.top nav a[href=/console/webhook]"));
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
    void setsChangesTestsRotatesAndRemovesTheAccountsWebhook() {
        Document page = browser.get("/console/webhook").page();
        assertNotNull(page.selectFirst("#no-webhook"));
        assertTrue(page.text().contains("an inbox's own webhook always wins"), page.text());
        assertNull(page.selectFirst("form#test-webhook"));

        Reply set = browser.submit(page, "form#set-webhook", Map.of("webhookUrl", "https://hooks.example/a"));

        assertEquals(200, set.status(), set.body());
        String secret = set.page().selectFirst("#new-secret").text();
        assertEquals(accountWebhook().secret().value(), secret);
        assertEquals("https://hooks.example/a", accountWebhook().url().value());
        Reply shown = browser.get("/console/webhook");
        assertFalse(shown.body().contains(secret));
        assertEquals("https://hooks.example/a", shown.page().selectFirst("#webhook-url").text());

        Reply changed = browser.submit(shown.page(), "form#set-webhook", Map.of("webhookUrl", "https://hooks.example/b"));

        assertEquals(303, changed.status(), changed.body());
        assertEquals("/console/webhook", changed.location());
        assertEquals("https://hooks.example/b", accountWebhook().url().value());
        assertEquals(secret, accountWebhook().secret().value(), "a change keeps the secret");

        Reply tested = browser.submit(browser.get("/console/webhook").page(), "form#test-webhook", Map.of());

        assertEquals(200, tested.status(), tested.body());
        assertEquals("The webhook took the test event: HTTP 200 in 5 ms.", tested.page().selectFirst(".notice").text());
        assertEquals("https://hooks.example/b", lastRequest().url());
        Element row = tested.page().selectFirst("#deliveries tr.delivery");
        assertEquals("account test", row.selectFirst(".delivery-inbox").text());
        assertEquals("succeeded", row.selectFirst(".delivery-outcome").text());

        webhooks.answer(WebhookResponse.failed("connection refused", 3));
        Reply failed = browser.submit(browser.get("/console/webhook").page(), "form#test-webhook", Map.of());

        assertEquals(502, failed.status());
        assertEquals("The webhook did not take the test event: connection refused.", failed.error());
        assertEquals(List.of("failed", "succeeded"), failed.page().select("#deliveries .delivery-outcome").eachText());

        Reply rotated = browser.submit(browser.get("/console/webhook").page(), "form#rotate-webhook-secret", Map.of());

        assertEquals(200, rotated.status(), rotated.body());
        String newSecret = rotated.page().selectFirst("#new-secret").text();
        assertNotEquals(secret, newSecret);
        assertEquals(accountWebhook().secret().value(), newSecret);
        assertFalse(browser.get("/console/webhook").body().contains(newSecret));

        Reply removed = browser.submit(browser.get("/console/webhook").page(), "form#remove-webhook", Map.of());

        assertEquals(303, removed.status(), removed.body());
        assertTrue(manageWebhooks.accountWebhook(owner).isEmpty());
        Document after = browser.get("/console/webhook").page();
        assertNotNull(after.selectFirst("#no-webhook"));
        assertEquals(2, after.select("#deliveries tr.delivery").size(), "the log outlives the webhook");
    }

    @Test
    void theAccountsDeliveriesLinkToTheirInbox() {
        withWebhook("https://hooks.example/inbox");
        browser.submit(browser.get(inboxPath()).page(), "form#test-webhook", Map.of());

        Element row = browser.get("/console/webhook").page().selectFirst("#deliveries tr.delivery");

        assertEquals(inboxPath(), row.selectFirst(".delivery-inbox a").attr("href"));
    }

    @Test
    void aBadAccountWebhookUrlOrAMissingWebhookIsRefusedOnThePage() {
        String csrf = csrf(browser.get("/console/webhook").page());

        Reply empty = browser.post("/console/webhook", Map.of("csrf", csrf, "webhookUrl", " "));
        Reply test = browser.post("/console/webhook/test", Map.of("csrf", csrf));
        Reply rotate = browser.post("/console/webhook/rotate-secret", Map.of("csrf", csrf));

        assertEquals(422, empty.status());
        assertTrue(empty.error().contains("http"), empty.error());
        assertEquals(422, test.status());
        assertTrue(test.error().contains("no webhook URL"), test.error());
        assertEquals(422, rotate.status());
        assertNull(rotate.page().selectFirst("#new-secret"));
        assertTrue(manageWebhooks.accountWebhook(owner).isEmpty());
    }

    @Test
    void withoutTheCsrfTokenNothingChanges() {
        manageWebhooks.setAccountWebhook(owner, new WebhookUrl("https://hooks.example/a"));
        withWebhook("https://hooks.example/inbox");
        String accountSecret = accountWebhook().secret().value();
        int posted = webhooks.requests().size();

        assertEquals(403, browser.post("/console/webhook", Map.of("webhookUrl", "https://evil.example/")).status());
        assertEquals(403, browser.post("/console/webhook/remove", Map.of()).status());
        assertEquals(403, browser.post("/console/webhook/rotate-secret", Map.of()).status());
        assertEquals(403, browser.post("/console/webhook/test", Map.of()).status());
        assertEquals(403, browser.post(inboxPath() + "/webhook", Map.of("webhookUrl", "")).status());
        assertEquals(403, browser.post(inboxPath() + "/webhook/test", Map.of()).status());
        Reply rotate = browser.post(inboxPath() + "/webhook/rotate-secret", Map.of());
        assertEquals(403, rotate.status());
        assertNull(rotate.page().selectFirst("#new-secret"));

        assertEquals("https://hooks.example/a", accountWebhook().url().value());
        assertEquals(accountSecret, accountWebhook().secret().value());
        assertEquals("https://hooks.example/inbox", getInbox.get(owner, inbox.id()).webhookUrl().value());
        assertEquals(posted, webhooks.requests().size(), "no test was posted");
    }

    @Test
    void aPodKeyCannotChangeTheAccountsWebhook() {
        manageWebhooks.setAccountWebhook(owner, new WebhookUrl("https://hooks.example/a"));
        IssuedApiKey podKey = issueApiKey.issue(new IssueApiKey.Command(owner,
                KeyHolder.pod(new PodRef.ById(account.defaultPod().id())), null));
        Browser podBrowser = new Browser(server.getURI());

        Reply signIn = podBrowser.submit(podBrowser.get("/console/sign-in").page(), "form#sign-in",
                Map.of("apiKey", podKey.token().reveal()));
        Reply page = podBrowser.get("/console/webhook");
        Reply change = podBrowser.post("/console/webhook", Map.of("webhookUrl", "https://evil.example/"));
        Reply remove = podBrowser.post("/console/webhook/remove", Map.of());

        assertEquals(403, signIn.status());
        assertEquals(SignInController.SCOPED_KEY, signIn.error());
        assertEquals(303, page.status());
        assertEquals(Pages.SIGN_IN, page.location());
        assertEquals(303, change.status());
        assertEquals(Pages.SIGN_IN, change.location());
        assertEquals(Pages.SIGN_IN, remove.location());
        assertEquals("https://hooks.example/a", accountWebhook().url().value());
        assertEquals(0, manageWebhooks.accountDeliveries(owner, PageRequest.firstPage()).total(),
                "nothing was tested either");
    }

    /** Sets the inbox's webhook through its page. */
    private void withWebhook(String url) {
        Reply set = browser.submit(browser.get(inboxPath()).page(), "form#set-inbox-webhook", Map.of("webhookUrl", url));
        assertEquals(200, set.status(), set.body());
    }

    private AccountWebhook accountWebhook() {
        return manageWebhooks.accountWebhook(owner).orElseThrow();
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
