package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inboxes API over real HTTP. */
class InboxesApiSystemTest {

    private final RunningServer server = RunningServer.shared();
    private Account account;

    @BeforeEach
    void openAccount() {
        account = server.openAccount();
    }

    private String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void anInboxWithoutPodLandsInTheDefaultPodOnTheDefaultDomainWithARandomName() {
        Reply created = server.post("/v1/inboxes", account.token(), "{}");

        assertEquals(201, created.status(), created.body());
        assertEquals(Set.of("id", "podId", "address", "displayName", "webhookUrl", "createdAt"), created.object().keySet());
        assertTrue(created.string("id").startsWith("inb_"));
        assertEquals(account.defaultPodId(), created.string("podId"));
        assertTrue(created.string("address").matches("[a-z0-9]{8}@" + RunningServer.DEFAULT_DOMAIN.replace(".", "\\.")),
                created.string("address"));
        assertEquals(created.object(), server.get("/v1/inboxes/" + created.string("id"), account.token()).object());
    }

    @Test
    void aPodIsNamedByIdOrClientId() {
        String podId = server.post("/v1/pods", account.token(), "{\"clientId\":\"tenant\"}").string("id");

        assertEquals(podId, server.post("/v1/inboxes", account.token(), "{\"podId\":\"tenant\"}").string("podId"));
        assertEquals(podId, server.post("/v1/inboxes", account.token(), "{\"podId\":\"" + podId + "\"}").string("podId"));
        for (String unknown : List.of("nobody", "pod_01aaaaaaaaaaaaaaaaaaaaaaaa", "bad id!", account.defaultPodId() + "x")) {
            Reply reply = server.post("/v1/inboxes", account.token(), "{\"podId\":\"" + unknown + "\"}");
            assertEquals(400, reply.status(), unknown);
            assertEquals("invalid_pod", reply.error(), unknown);
        }
        Account other = server.openAccount();
        Reply foreignPod = server.post("/v1/inboxes", other.token(), "{\"podId\":\"" + podId + "\"}");
        assertEquals(400, foreignPod.status());
        assertEquals("invalid_pod", foreignPod.error());
    }

    @Test
    void mailboxNamesAreCheckedAndStoredInLowerCase() {
        String name = unique("Sup.Port-");
        Reply created = server.post("/v1/inboxes", account.token(), "{\"mailboxName\":\"" + name + "\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals(name.toLowerCase() + "@" + RunningServer.DEFAULT_DOMAIN, created.string("address"));

        for (String bad : List.of("ab", "x".repeat(31), ".lead", "trail.", "-lead", "trail-", "two..dots", "under_score",
                "sp ace", "ümlaut")) {
            Reply reply = server.post("/v1/inboxes", account.token(), "{\"mailboxName\":\"" + bad + "\"}");
            assertEquals(400, reply.status(), bad);
            assertEquals("invalid_mailbox_name", reply.error(), bad);
        }
        assertEquals(1, server.get("/v1/inboxes", account.token()).total());
    }

    @Test
    void roleMailboxesOfTheInstallationDomainAreReservedButAreTheAccountsOnItsOwnVerifiedDomain() {
        for (String role : List.of("postmaster", "Admin", "administrator", "hostmaster", "webmaster", "abuse",
                "security", "noc", "mailer-daemon", "root")) {
            Reply refused = server.post("/v1/inboxes", account.token(), "{\"mailboxName\":\"" + role + "\"}");
            assertEquals(400, refused.status(), refused.body());
            assertEquals("invalid_mailbox_name", refused.error(), role);
            assertTrue(refused.string("message").contains("reserved"), refused.body());
        }
        assertEquals(0, server.get("/v1/inboxes", account.token()).total());

        String domain = VerifiedDomains.verified(server, account, null);
        Reply own = server.post("/v1/inboxes", account.token(),
                "{\"mailboxName\":\"postmaster\",\"domain\":\"" + domain + "\"}");
        assertEquals(201, own.status(), own.body());
        assertEquals("postmaster@" + domain, own.string("address"));
    }

    @Test
    void anAddressIsTakenInstallationWideWhateverItsCase() {
        String name = unique("shared");
        assertEquals(201, server.post("/v1/inboxes", account.token(), "{\"mailboxName\":\"" + name + "\"}").status());

        Reply sameAccount = server.post("/v1/inboxes", account.token(), "{\"mailboxName\":\"" + name.toUpperCase() + "\"}");
        Reply otherAccount = server.post("/v1/inboxes", server.openAccount().token(), "{\"mailboxName\":\"" + name + "\"}");

        assertEquals(409, sameAccount.status());
        assertEquals("address_taken", sameAccount.error());
        assertEquals(409, otherAccount.status());
        assertEquals("address_taken", otherAccount.error());
    }

    @Test
    void displayNameAndWebhookAreStoredAndTheSecretIsShownOnce() {
        Reply created = server.post("/v1/inboxes", account.token(),
                "{\"displayName\":\"Support 🚀\",\"webhookUrl\":\"https://hooks.example.com/openmail?x=1\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals("Support 🚀", created.string("displayName"));
        assertEquals("https://hooks.example.com/openmail?x=1", created.string("webhookUrl"));
        assertTrue(created.string("webhookSecret").startsWith("whsec_"));

        String id = created.string("id");
        Reply read = server.get("/v1/inboxes/" + id, account.token());
        assertFalse(read.object().containsKey("webhookSecret"), "the secret is never shown again");

        Reply renamed = server.patch("/v1/inboxes/" + id, account.token(), "{\"displayName\":null,\"webhookUrl\":\"https://other.example.com/\"}");
        assertEquals(200, renamed.status());
        assertNull(renamed.at("displayName"));
        assertEquals("https://other.example.com/", renamed.string("webhookUrl"));
        assertFalse(renamed.object().containsKey("webhookSecret"), "the inbox already had a secret");
    }

    @Test
    void theFirstWebhookUrlSetByPatchIssuesASecret() {
        String id = server.post("/v1/inboxes", account.token(), "{}").string("id");

        Reply first = server.patch("/v1/inboxes/" + id, account.token(), "{\"webhookUrl\":\"https://a.example.com/h\"}");
        Reply second = server.patch("/v1/inboxes/" + id, account.token(), "{\"webhookUrl\":\"https://b.example.com/h\"}");
        Reply cleared = server.patch("/v1/inboxes/" + id, account.token(), "{\"webhookUrl\":\"\"}");

        assertTrue(first.string("webhookSecret").startsWith("whsec_"));
        assertFalse(second.object().containsKey("webhookSecret"));
        assertNull(cleared.at("webhookUrl"));
    }

    @Test
    void badWebhookUrlsAndDisplayNamesAreRefused() {
        for (String url : List.of("ftp://example.com/x", "not a url", "https://user:pw@example.com/", "/relative",
                "https://example.com/#frag", "https://" + "a".repeat(2050) + ".com/")) {
            Reply reply = server.post("/v1/inboxes", account.token(), "{\"webhookUrl\":\"" + url + "\"}");
            assertEquals(422, reply.status(), url);
            assertEquals("invalid_webhook_url", reply.error(), url);
        }
        for (String name : List.of("x".repeat(201), "line\\nbreak")) {
            Reply reply = server.post("/v1/inboxes", account.token(), "{\"displayName\":\"" + name + "\"}");
            assertEquals(400, reply.status(), name);
            assertEquals("bad_request", reply.error());
        }
        assertEquals(400, server.post("/v1/inboxes", account.token(), "{\"address\":\"x@y.z\"}").status());
        assertEquals(0, server.get("/v1/inboxes", account.token()).total());
    }

    @Test
    void listsOldestFirstAndFiltersByPod() {
        String podId = server.post("/v1/pods", account.token(), "{\"clientId\":\"filter\"}").string("id");
        String a = server.post("/v1/inboxes", account.token(), "{}").string("id");
        String b = server.post("/v1/inboxes", account.token(), "{\"podId\":\"filter\"}").string("id");
        String c = server.post("/v1/inboxes", account.token(), "{\"podId\":\"" + podId + "\"}").string("id");

        Reply all = server.get("/v1/inboxes", account.token());
        assertEquals(3, all.total());
        assertEquals(List.of(a, b, c), all.data().stream().map(i -> i.get("id")).toList());

        Reply inPod = server.get("/v1/inboxes?podId=filter", account.token());
        assertEquals(List.of(b, c), inPod.data().stream().map(i -> i.get("id")).toList());
        assertEquals(2, inPod.total());
        assertEquals(List.of(b), server.get("/v1/inboxes?podId=" + podId + "&limit=1", account.token())
                .data().stream().map(i -> i.get("id")).toList());

        for (String unknown : List.of("nobody", "pod_01aaaaaaaaaaaaaaaaaaaaaaaa", "bad%20id")) {
            Reply empty = server.get("/v1/inboxes?podId=" + unknown, account.token());
            assertEquals(200, empty.status());
            assertEquals(0, empty.total());
            assertTrue(empty.data().isEmpty());
        }
    }

    @Test
    void deletesAnInboxAndThenItsPod() {
        server.post("/v1/pods", account.token(), "{\"clientId\":\"short-lived\"}");
        String id = server.post("/v1/inboxes", account.token(), "{\"podId\":\"short-lived\"}").string("id");

        assertEquals("pod_not_empty", server.delete("/v1/pods/short-lived", account.token()).error());
        assertEquals(204, server.delete("/v1/inboxes/" + id, account.token()).status());
        assertEquals(404, server.get("/v1/inboxes/" + id, account.token()).status());
        assertEquals(404, server.delete("/v1/inboxes/" + id, account.token()).status());
        assertEquals(204, server.delete("/v1/pods/short-lived", account.token()).status());
    }

    @Test
    void anotherAccountsInboxesDoNotExist() {
        Map<String, Object> mine = server.post("/v1/inboxes", account.token(), "{}").object();
        String id = (String) mine.get("id");
        Account other = server.openAccount();

        assertEquals("not_found", server.get("/v1/inboxes/" + id, other.token()).error());
        assertEquals(404, server.patch("/v1/inboxes/" + id, other.token(), "{\"displayName\":\"x\"}").status());
        assertEquals(404, server.delete("/v1/inboxes/" + id, other.token()).status());
        assertEquals(0, server.get("/v1/inboxes", other.token()).total());
        assertEquals(mine, server.get("/v1/inboxes/" + id, account.token()).object());
        assertEquals(404, server.get("/v1/inboxes/not-an-id", account.token()).status());
    }

    @Test
    void theInboxLimitIsEnforcedAndCanBeChangedByTheOperator() {
        assertEquals(200, server.patch("/admin/v1/accounts/" + account.id(), RunningServer.ADMIN_TOKEN,
                "{\"inboxLimit\":2}").status());
        assertEquals(201, server.post("/v1/inboxes", account.token(), "{}").status());
        assertEquals(201, server.post("/v1/inboxes", account.token(), "{}").status());

        Reply third = server.post("/v1/inboxes", account.token(), "{}");
        assertEquals(422, third.status());
        assertEquals("inbox_limit_reached", third.error());

        server.patch("/admin/v1/accounts/" + account.id(), RunningServer.ADMIN_TOKEN, "{\"inboxLimit\":3}");
        assertEquals(201, server.post("/v1/inboxes", account.token(), "{}").status());
    }
}
