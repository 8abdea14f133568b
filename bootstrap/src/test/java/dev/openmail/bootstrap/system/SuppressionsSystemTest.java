package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suppression list over HTTP: a suppressed recipient is refused with its type, and the list is the account's. */
class SuppressionsSystemTest {

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(TestDatabase.h2(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Reply send(Account account, String inboxId, String to) {
        return server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri("/v1/inboxes/" + inboxId + "/send"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + to + "\",\"subject\":\"Hi\",\"body\":\"Hello\"}",
                        StandardCharsets.UTF_8)), account.token()));
    }

    @Test
    void aSuppressedRecipientIsRefusedWith422NamingItsTypeUntilTheSuppressionIsRemoved() {
        Account account = server.openAccount();
        String inbox = server.post("/v1/inboxes", account.token(), "{}").string("id");

        Reply added = server.post("/v1/suppressions", account.token(),
                "{\"address\":\"Gone@Example.org\",\"type\":\"bounce\",\"reason\":\"550 5.1.1 no such user\"}");
        assertEquals(201, added.status(), added.body());
        assertEquals("gone@example.org", added.string("address"));
        assertEquals("bounce", added.string("type"));
        Reply again = server.post("/v1/suppressions", account.token(), "{\"address\":\"gone@example.org\"}");
        assertEquals(200, again.status(), "already listed: answered as it is");
        assertEquals("bounce", again.string("type"));

        Reply refused = send(account, inbox, "gone@example.org");
        assertEquals(422, refused.status(), refused.body());
        assertEquals("recipient_suppressed", refused.error());
        assertEquals("bounce", refused.string("type"));
        assertTrue(refused.string("message").contains("gone@example.org"), refused.body());
        assertEquals(0, server.get("/v1/inboxes/" + inbox + "/messages", account.token()).total(), "nothing stored");

        Reply listed = server.get("/v1/suppressions?type=bounce", account.token());
        assertEquals(List.of("gone@example.org"), listed.data().stream().map(row -> row.get("address")).toList());
        assertEquals("550 5.1.1 no such user", listed.data().get(0).get("reason"));
        assertNull(listed.data().get(0).get("podId"), "added by the account itself");

        assertEquals(204, server.delete("/v1/suppressions/gone@example.org", account.token()).status());
        assertEquals(200, send(account, inbox, "gone@example.org").status());
        assertEquals(404, server.delete("/v1/suppressions/gone@example.org", account.token()).status());
    }

    @Test
    void aBulkSendsOneClickUnsubscribeLinkSuppressesItsRecipientAndTheNextSendIsRefused() throws Exception {
        Account account = server.openAccount();
        Reply inbox = server.post("/v1/inboxes", account.token(), "{}");
        Reply sent = server.send(RunningServer.authorized(HttpRequest.newBuilder(
                        server.uri("/v1/inboxes/" + inbox.string("id") + "/send"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"reader@example.org\",\"subject\":\"News\","
                        + "\"body\":\"This month\",\"bulk\":true}", StandardCharsets.UTF_8)), account.token()));
        assertEquals(200, sent.status(), sent.body());
        String raw = server.get("/v1/messages/" + sent.string("messageId") + "/raw", account.token()).body();
        String link = header(raw, "List-Unsubscribe");
        assertEquals("List-Unsubscribe=One-Click", header(raw, "List-Unsubscribe-Post"));
        assertTrue(link.startsWith("<" + server.uri("/unsubscribe/")) && link.endsWith(">"), link);
        String url = link.substring(1, link.length() - 1);
        assertFalse(url.contains("reader"), "the token does not show the address");

        Reply page = server.send(HttpRequest.newBuilder(java.net.URI.create(url)).GET());
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("<form method=\"post\""), page.body());
        assertEquals(0, server.get("/v1/suppressions", account.token()).total(), "a GET unsubscribes nobody");

        HttpRequest.Builder oneClick = HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"));
        assertEquals(200, server.send(oneClick).status());
        assertEquals(200, server.send(oneClick).status(), "a second click changes nothing");

        Reply listed = server.get("/v1/suppressions", account.token());
        assertEquals(1, listed.total(), listed.body());
        assertEquals("reader@example.org", listed.data().get(0).get("address"));
        assertEquals("unsub", listed.data().get(0).get("type"));
        assertEquals(inbox.string("podId"), listed.data().get(0).get("podId"));
        Reply refused = send(account, inbox.string("id"), "reader@example.org");
        assertEquals(422, refused.status(), refused.body());
        assertEquals("unsub", refused.string("type"));

        String token = url.substring(url.lastIndexOf('/') + 1);
        String altered = token.substring(0, 20) + (token.charAt(20) == 'A' ? 'B' : 'A') + token.substring(21);
        assertEquals(404, server.send(HttpRequest.newBuilder(server.uri("/unsubscribe/" + altered))
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))).status());
        assertEquals(404, server.send(HttpRequest.newBuilder(server.uri("/unsubscribe/%3Cscript%3E")).GET()).status());
    }

    @Test
    void aBulkSendWithCcIsRefusedSinceItsLinkNamesOneRecipient() {
        Account account = server.openAccount();
        String inbox = server.post("/v1/inboxes", account.token(), "{}").string("id");
        Reply refused = server.send(RunningServer.authorized(HttpRequest.newBuilder(
                        server.uri("/v1/inboxes/" + inbox + "/send"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"a@example.org\",\"cc\":[\"b@example.org\"],"
                        + "\"subject\":\"News\",\"body\":\"Hi\",\"bulk\":true}", StandardCharsets.UTF_8)),
                account.token()));
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.string("message").contains("cc"), refused.body());
    }

    /** The value of a header of a raw message, unfolded; fails when it is missing. */
    private static String header(String raw, String name) {
        String head = raw.substring(0, raw.indexOf("\r\n\r\n")).replace("\r\n ", " ").replace("\r\n\t", " ");
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + name + " header in\n" + head);
    }

    @Test
    void theListIsTheAccountsAndOnlyAnAccountWideKeyChangesIt() {
        Account account = server.openAccount();
        Account other = server.openAccount();
        String pod = server.post("/v1/pods", account.token(), "{}").string("id");
        String podKey = server.post("/v1/pods/" + pod + "/api-keys", account.token(), "{}").string("token");
        assertEquals(201, server.post("/v1/suppressions", account.token(), "{\"address\":\"x@example.org\"}").status());

        Reply readByPod = server.get("/v1/suppressions", podKey);
        assertEquals(200, readByPod.status(), readByPod.body());
        assertEquals(1, readByPod.total(), "the account's own rows are every pod's concern");
        assertEquals(403, server.post("/v1/suppressions", podKey, "{\"address\":\"y@example.org\"}").status());
        assertEquals(0, server.get("/v1/suppressions", other.token()).total(), "another account's list is its own");
        String otherInbox = server.post("/v1/inboxes", other.token(), "{}").string("id");
        assertEquals(200, send(other, otherInbox, "x@example.org").status());

        Reply bad = server.post("/v1/suppressions", account.token(), "{\"address\":\"not an address\"}");
        assertEquals(400, bad.status(), bad.body());
        Reply badType = server.get("/v1/suppressions?type=spam", account.token());
        assertEquals(400, badType.status(), badType.body());
    }
}
