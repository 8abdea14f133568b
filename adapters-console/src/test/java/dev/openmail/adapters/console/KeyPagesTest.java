package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Browser.Reply;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.in.ListApiKeys;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class KeyPagesTest {

    @Inject
    EmbeddedServer server;
    @Inject
    OpenAccount openAccount;
    @Inject
    CreatePod createPod;
    @Inject
    CreateInbox createInbox;
    @Inject
    AuthenticateApiKey authenticate;
    @Inject
    IssueApiKey issueApiKey;
    @Inject
    ListApiKeys listApiKeys;

    private Caller owner;
    private Browser browser;
    private Pod pod;

    @BeforeEach
    void signIn() {
        ProvisionedAccount account = openAccount.open(new OpenAccount.Command(null, null));
        owner = owner(account.account().id());
        browser = new Browser(server.getURI());
        browser.signIn(account.apiKey().token().reveal());
        pod = createPod.create(new CreatePod.Command(owner, null, new Label("Shop")));
    }

    @Test
    void mintsAPodKeyShowsItsTokenOnceListsItByPrefixAndRevokesIt() {
        Document podPage = browser.get(podPath()).page();
        assertTrue(podPage.selectFirst("section#keys .empty").text().contains("No pod keys"));

        Reply minted = browser.submit(podPage, "form#create-key", Map.of("name", "Deploy <b>bot</b>"));

        assertEquals(201, minted.status(), minted.body());
        assertNull(minted.location(), "the token is answered in the page, never through a redirect");
        String token = minted.page().selectFirst("#new-token").text();
        assertTrue(token.startsWith("om_"), token);
        assertTrue(minted.page().selectFirst(".warning").text().contains("shown only this once"));
        assertEquals("Deploy <b>bot</b>", minted.page().selectFirst(".key-name").text());
        assertTrue(minted.page().select("main b").isEmpty(), "names are escaped");
        assertEquals(new KeyScope.PodOnly(pod.id()), authenticate.authenticate(token).scope());

        Reply listed = browser.get(podPath());
        assertFalse(listed.body().contains(token), "the list never shows the token again");
        assertEquals(1, listed.page().select("section#keys tr.key").size());
        assertEquals(token.substring(0, 8) + "…" + token.substring(token.length() - 4),
                listed.page().selectFirst("tr.key .key-token").text());
        assertEquals("Deploy <b>bot</b>", listed.page().selectFirst("tr.key .key-name").text());

        Reply revoked = browser.submit(listed.page(), "tr.key form.revoke-key", Map.of());

        assertEquals(303, revoked.status(), revoked.body());
        assertEquals(podPath(), revoked.location());
        assertTrue(browser.get(podPath()).page().select("section#keys tr.key").isEmpty());
        assertThrows(UnauthorizedException.class, () -> authenticate.authenticate(token));
    }

    @Test
    void mintsAnInboxKeyOnTheInboxPageAndRevokesIt() {
        Inbox inbox = createInbox.create(new CreateInbox.Command(owner, new PodRef.ById(pod.id()), null, null, null,
                null));
        String inboxPath = "/console/inboxes/" + inbox.id().value();
        Document inboxPage = browser.get(inboxPath).page();
        assertTrue(inboxPage.selectFirst("section#keys .empty").text().contains("No inbox keys"));

        Reply minted = browser.submit(inboxPage, "form#create-key", Map.of("name", ""));

        assertEquals(201, minted.status(), minted.body());
        String token = minted.page().selectFirst("#new-token").text();
        assertTrue(minted.page().selectFirst(".key-holder").text().contains(inbox.address().value()));
        assertEquals(new KeyScope.InboxOnly(pod.id(), inbox.id()), authenticate.authenticate(token).scope());
        assertEquals(0, listApiKeys.list(owner, KeyHolder.pod(new PodRef.ById(pod.id())), PageRequest.firstPage())
                .total(), "an inbox key is not its pod's key");

        Reply listed = browser.get(inboxPath);
        assertFalse(listed.body().contains(token));
        assertEquals(token.substring(0, 8) + "…" + token.substring(token.length() - 4),
                listed.page().selectFirst("section#keys tr.key .key-token").text());

        Reply revoked = browser.submit(listed.page(), "tr.key form.revoke-key", Map.of());

        assertEquals(303, revoked.status(), revoked.body());
        assertEquals(inboxPath, revoked.location());
        assertTrue(browser.get(inboxPath).page().select("section#keys tr.key").isEmpty());
        assertThrows(UnauthorizedException.class, () -> authenticate.authenticate(token));
    }

    @Test
    void anotherAccountsPodsInboxesAndKeysAreNotFound() {
        Caller stranger = owner(openAccount.open(new OpenAccount.Command(null, null)).account().id());
        Pod theirPod = createPod.create(new CreatePod.Command(stranger, null, null));
        Inbox theirInbox = createInbox.create(new CreateInbox.Command(stranger, new PodRef.ById(theirPod.id()), null,
                null, null, null));
        IssuedApiKey theirKey = issueApiKey.issue(new IssueApiKey.Command(stranger,
                KeyHolder.pod(new PodRef.ById(theirPod.id())), null));
        String csrf = browser.get(podPath()).page().selectFirst("form#create-key input[name=csrf]").attr("value");
        String theirPodPath = "/console/pods/" + theirPod.id().value();

        Reply mintInTheirPod = browser.post(theirPodPath + "/keys", Map.of("csrf", csrf));
        Reply mintInTheirInbox = browser.post("/console/inboxes/" + theirInbox.id().value() + "/keys",
                Map.of("csrf", csrf));
        Reply revokeInTheirPod = browser.post(theirPodPath + "/keys/" + theirKey.key().id().value() + "/revoke",
                Map.of("csrf", csrf));
        Reply revokeThroughMyPod = browser.post(podPath() + "/keys/" + theirKey.key().id().value() + "/revoke",
                Map.of("csrf", csrf));

        assertEquals(404, mintInTheirPod.status());
        assertEquals(404, mintInTheirInbox.status());
        assertEquals(404, revokeInTheirPod.status());
        assertEquals(404, revokeThroughMyPod.status());
        assertEquals(1, listApiKeys.list(stranger, KeyHolder.pod(new PodRef.ById(theirPod.id())),
                PageRequest.firstPage()).total());
        assertEquals(0, listApiKeys.list(stranger, KeyHolder.inbox(theirInbox.id()), PageRequest.firstPage()).total());
        assertEquals(theirKey.key().id(), authenticate.authenticate(theirKey.token().reveal()).keyId());
    }

    @Test
    void formsWithoutTheCsrfTokenNeitherMintNorRevoke() {
        IssuedApiKey key = issueApiKey.issue(new IssueApiKey.Command(owner, KeyHolder.pod(new PodRef.ById(pod.id())),
                null));

        Reply mint = browser.post(podPath() + "/keys", Map.of("name", "Sneaky"));
        Reply revoke = browser.post(podPath() + "/keys/" + key.key().id().value() + "/revoke", Map.of());

        assertEquals(403, mint.status());
        assertEquals(403, revoke.status());
        assertTrue(mint.page().select("#new-token").isEmpty());
        assertEquals(1, listApiKeys.list(owner, KeyHolder.pod(new PodRef.ById(pod.id())), PageRequest.firstPage())
                .total());
        assertEquals(key.key().id(), authenticate.authenticate(key.token().reveal()).keyId());
    }

    @Test
    void aRefusedMintIsShownOnThePodPage() {
        for (int i = 0; i < ApiKey.MAX_ACTIVE_PER_HOLDER; i++) {
            issueApiKey.issue(new IssueApiKey.Command(owner, KeyHolder.pod(new PodRef.ById(pod.id())), null));
        }
        Document podPage = browser.get(podPath()).page();
        assertEquals(ApiKey.MAX_ACTIVE_PER_HOLDER, podPage.select("section#keys tr.key").size());

        Reply refused = browser.submit(podPage, "form#create-key", Map.of("name", "One too many"));

        assertEquals(422, refused.status());
        assertTrue(refused.error().contains("revoke one"), refused.error());
        assertEquals("Shop", refused.page().selectFirst("h1").text());
        assertTrue(refused.page().select("#new-token").isEmpty());
    }

    @Test
    void aPodKeyCannotSignInToTheConsole() {
        String token = browser.submit(browser.get(podPath()).page(), "form#create-key", Map.of())
                .page().selectFirst("#new-token").text();

        Browser other = new Browser(server.getURI());
        Reply refused = other.submit(other.get("/console/sign-in").page(), "form#sign-in", Map.of("apiKey", token));

        assertEquals(403, refused.status());
        assertEquals(SignInController.SCOPED_KEY, refused.error());
    }

    private String podPath() {
        return "/console/pods/" + pod.id().value();
    }
}
