package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Browser.Reply;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import dev.openmail.domain.port.in.RevokeApiKey;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class SignInTest {

    @Inject
    EmbeddedServer server;
    @Inject
    OpenAccount openAccount;
    @Inject
    IssueApiKey issueApiKey;
    @Inject
    RevokeApiKey revokeApiKey;
    @Inject
    CreatePod createPod;

    private ProvisionedAccount account;
    private String token;
    private Browser browser;

    @BeforeEach
    void openAccount() {
        account = openAccount.open(new OpenAccount.Command(null, null));
        token = account.apiKey().token().reveal();
        browser = new Browser(server.getURI());
    }

    @Test
    void anAccountKeySignsInToThePodsPageWithTheDefaultPodFirst() {
        createPod.create(new CreatePod.Command(owner(account.account().id()), null, null));

        Document pods = browser.signIn(token);

        List<Element> rows = pods.select("table#pods tr.pod");
        assertEquals(2, rows.size());
        assertEquals(account.defaultPod().id().value(), rows.get(0).attr("data-pod-id"));
        assertEquals("Default", rows.get(0).selectFirst("span.badge").text());
        assertNull(rows.get(1).selectFirst("span.badge"));
        assertTrue(pods.selectFirst("header").text().contains(account.account().id().value()));
        assertNotNull(pods.selectFirst("form#sign-out input[name=csrf]"));
    }

    @Test
    void theSignInPageHasTheForm() {
        Document page = browser.get("/console/sign-in").page();

        assertNotNull(page.selectFirst("form#sign-in input[name=apiKey]"));
        assertNotNull(page.selectFirst("form#sign-in button[type=submit]"));
        assertNotNull(page.selectFirst("form#sign-in input[type=hidden][name=csrf]"));
    }

    @Test
    void aPodKeyIsRefused() {
        IssuedApiKey podKey = issueApiKey.issue(new IssueApiKey.Command(owner(account.account().id()),
                KeyHolder.pod(new PodRef.ById(account.defaultPod().id())), null));

        Reply refused = browser.submit(browser.get("/console/sign-in").page(), "form#sign-in",
                Map.of("apiKey", podKey.token().reveal()));

        assertEquals(403, refused.status());
        assertEquals("Sign in with an account-wide key; pod and inbox keys are for the API.", refused.error());
        assertEquals("/console/sign-in", browser.get("/console/pods").location());
    }

    @Test
    void anUnknownKeyIsRefused() {
        Reply refused = browser.submit(browser.get("/console/sign-in").page(), "form#sign-in",
                Map.of("apiKey", "om_notakey"));

        assertEquals(401, refused.status());
        assertFalse(refused.error().isBlank());
        assertTrue(refused.setCookies().stream().noneMatch(c -> c.startsWith(Pages.SESSION_COOKIE + "=")));
    }

    @Test
    void aSignInFormWithoutItsTokenIsRefused() {
        Reply refused = browser.post("/console/sign-in", Map.of("apiKey", token));

        assertEquals(403, refused.status());
        assertEquals("/console/sign-in", browser.get("/console/pods").location());
    }

    @Test
    void pagesWithoutASessionRedirectToSignIn() {
        for (String path : List.of("/console/pods", "/console/domains", "/console/pods/" + account.defaultPod().id().value())) {
            Reply reply = browser.get(path);
            assertEquals(303, reply.status(), path);
            assertEquals("/console/sign-in", reply.location(), path);
        }
        assertEquals("/console/pods", browser.get("/console").location());
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndScopedToTheConsole() {
        Reply signedIn = browser.submit(browser.get("/console/sign-in").page(), "form#sign-in",
                Map.of("apiKey", token));

        String cookie = sessionCookie(signedIn);
        List<String> attributes = attributes(cookie);
        assertTrue(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=lax"), cookie);
        assertTrue(attributes.contains("path=/console"), cookie);
        assertFalse(attributes.contains("secure"), cookie);
        String id = cookie.substring(Pages.SESSION_COOKIE.length() + 1, cookie.indexOf(';'));
        assertTrue(id.length() >= 43, "256 bits: " + id);
        assertFalse(id.contains(token));
    }

    @Test
    void theSessionCookieIsSecureBehindHttps() {
        Document form = browser.get("/console/sign-in").page();
        Reply signedIn = browser.submit(form, "form#sign-in", Map.of("apiKey", token),
                Map.of("X-Forwarded-Proto", "https"));

        assertTrue(attributes(sessionCookie(signedIn)).contains("secure"), sessionCookie(signedIn));
    }

    @Test
    void signingOutEndsTheSession() {
        Document pods = browser.signIn(token);

        Reply signedOut = browser.submit(pods, "form#sign-out", Map.of());

        assertEquals(303, signedOut.status());
        assertEquals("/console/sign-in", signedOut.location());
        assertEquals("/console/sign-in", browser.get("/console/pods").location());
    }

    @Test
    void aRevokedKeyEndsTheSessionAtTheNextRequest() {
        IssuedApiKey second = issueApiKey.issue(new IssueApiKey.Command(owner(account.account().id()),
                KeyHolder.ACCOUNT, null));
        browser.signIn(second.token().reveal());

        revokeApiKey.revoke(owner(account.account().id()), KeyHolder.ACCOUNT, second.key().id());

        Reply reply = browser.get("/console/pods");
        assertEquals(303, reply.status());
        assertEquals("/console/sign-in", reply.location());
    }

    /** Cookie attribute names are case-insensitive (Netty writes "HTTPOnly"), so they are compared in lower case. */
    private static List<String> attributes(String cookie) {
        return Arrays.stream(cookie.split(";")).skip(1).map(a -> a.strip().toLowerCase(Locale.ROOT)).toList();
    }

    private static String sessionCookie(Reply reply) {
        assertEquals(303, reply.status(), reply.body());
        return reply.setCookies().stream().filter(c -> c.startsWith(Pages.SESSION_COOKIE + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + reply.setCookies()));
    }
}
