package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pods API over real HTTP, every status and error code it can answer. */
class PodsApiSystemTest {

    private final RunningServer server = RunningServer.shared();
    private Account account;

    @BeforeEach
    void openAccount() {
        account = server.openAccount();
    }

    @Test
    void aNewAccountHasExactlyOneDefaultPodListedFirst() {
        Reply list = server.get("/v1/pods", account.token());

        assertEquals(200, list.status());
        assertEquals(1, list.total());
        Map<String, Object> pod = list.data().get(0);
        assertEquals(account.defaultPodId(), pod.get("id"));
        assertEquals(Boolean.TRUE, pod.get("isDefault"));
        assertTrue(pod.containsKey("clientId"), "null fields are sent, not omitted");
        assertNull(pod.get("clientId"));
    }

    @Test
    void createsAPodWithClientIdAndName() {
        Reply created = server.post("/v1/pods", account.token(), "{\"clientId\":\"meridian\",\"name\":\"Meridian Analytics 🚀\"}");

        assertEquals(201, created.status(), created.body());
        assertTrue(created.string("id").startsWith("pod_"));
        assertEquals("meridian", created.string("clientId"));
        assertEquals("Meridian Analytics 🚀", created.string("name"));
        assertEquals(Boolean.FALSE, created.at("isDefault"));
        Instant createdAt = Instant.parse(created.string("createdAt"));
        assertTrue(createdAt.isAfter(Instant.now().minusSeconds(60)));

        Reply byClientId = server.get("/v1/pods/meridian", account.token());
        Reply byId = server.get("/v1/pods/" + created.string("id"), account.token());
        assertEquals(200, byClientId.status());
        assertEquals(created.object(), byClientId.object(), "the create answer and a later read agree to the millisecond");
        assertEquals(created.object(), byId.object());
    }

    @Test
    void createsAPodWithoutAnyField() {
        Reply emptyObject = server.post("/v1/pods", account.token(), "{}");
        Reply nulls = server.post("/v1/pods", account.token(), "{\"clientId\":null,\"name\":null}");

        assertEquals(201, emptyObject.status());
        assertNull(emptyObject.at("clientId"));
        assertNull(emptyObject.at("name"));
        assertEquals(201, nulls.status());
        assertEquals(3, server.get("/v1/pods", account.token()).total());
    }

    @Test
    void refusesAClientIdUsedTwiceInOneAccountButNotAcrossAccounts() {
        assertEquals(201, server.post("/v1/pods", account.token(), "{\"clientId\":\"tenant-1\"}").status());

        Reply again = server.post("/v1/pods", account.token(), "{\"clientId\":\"tenant-1\"}");
        assertEquals(409, again.status());
        assertEquals("client_id_taken", again.error());

        Account other = server.openAccount();
        assertEquals(201, server.post("/v1/pods", other.token(), "{\"clientId\":\"tenant-1\"}").status());
    }

    @Test
    void clientIdsAreCaseSensitive() {
        Reply upper = server.post("/v1/pods", account.token(), "{\"clientId\":\"Acme\"}");
        Reply lower = server.post("/v1/pods", account.token(), "{\"clientId\":\"acme\"}");

        assertEquals(201, upper.status());
        assertEquals(201, lower.status());
        assertEquals(upper.string("id"), server.get("/v1/pods/Acme", account.token()).string("id"));
        assertEquals(lower.string("id"), server.get("/v1/pods/acme", account.token()).string("id"));
    }

    @Test
    void acceptsEveryAllowedClientIdCharacterAndTheLongestClientId() {
        String all = "AZaz09._-:@user@example.com:tenant";
        String longest = "x".repeat(255);

        assertEquals(201, server.post("/v1/pods", account.token(), "{\"clientId\":\"" + all + "\"}").status());
        assertEquals(201, server.post("/v1/pods", account.token(), "{\"clientId\":\"" + longest + "\"}").status());
        assertEquals(all, server.get("/v1/pods/" + all, account.token()).string("clientId"));
        assertEquals(longest, server.get("/v1/pods/" + longest, account.token()).string("clientId"));
    }

    @Test
    void refusesInvalidClientIds() {
        for (String body : List.of("{\"clientId\":\"\"}", "{\"clientId\":\"has space\"}", "{\"clientId\":\"slash/no\"}",
                "{\"clientId\":\"pod_lookalike\"}", "{\"clientId\":\"" + "x".repeat(256) + "\"}",
                "{\"clientId\":\"ümlaut\"}", "{\"clientId\":42}", "{\"clientId\":[\"a\"]}")) {
            Reply reply = server.post("/v1/pods", account.token(), body);
            assertEquals(400, reply.status(), body);
            assertEquals("bad_request", reply.error(), body);
            assertTrue(reply.string("message").contains("clientId"), reply.body());
        }
        assertEquals(1, server.get("/v1/pods", account.token()).total(), "nothing was created");
    }

    @Test
    void namesHoldUpTo255CharactersOfAnyUnicode() {
        String emoji255 = "🚀".repeat(255);
        Reply longest = server.post("/v1/pods", account.token(), "{\"name\":\"" + emoji255 + "\"}");
        Reply tooLong = server.post("/v1/pods", account.token(), "{\"name\":\"" + "a".repeat(256) + "\"}");
        Reply loneSurrogate = server.post("/v1/pods", account.token(), "{\"name\":\"\\ud83d\"}");

        assertEquals(201, longest.status(), longest.body());
        assertEquals(emoji255, server.get("/v1/pods/" + longest.string("id"), account.token()).string("name"));
        assertEquals(400, tooLong.status());
        assertEquals("bad_request", tooLong.error());
        assertEquals(400, loneSurrogate.status());
        assertTrue(loneSurrogate.string("message").contains("name"));
    }

    @Test
    void patchChangesOnlyTheFieldsPresentAndNullClears() {
        String id = server.post("/v1/pods", account.token(), "{\"clientId\":\"cedar\",\"name\":\"Cedar Works\"}").string("id");

        Reply renamed = server.patch("/v1/pods/cedar", account.token(), "{\"name\":\"Cedar\"}");
        assertEquals(200, renamed.status());
        assertEquals("cedar", renamed.string("clientId"));
        assertEquals("Cedar", renamed.string("name"));

        Reply unchanged = server.patch("/v1/pods/" + id, account.token(), "{}");
        assertEquals(renamed.object(), unchanged.object());

        Reply newClientId = server.patch("/v1/pods/cedar", account.token(), "{\"clientId\":\"cedar-works\"}");
        assertEquals("cedar-works", newClientId.string("clientId"));
        assertEquals(404, server.get("/v1/pods/cedar", account.token()).status());
        assertEquals(id, server.get("/v1/pods/cedar-works", account.token()).string("id"));

        Reply cleared = server.patch("/v1/pods/cedar-works", account.token(), "{\"clientId\":null,\"name\":null}");
        assertEquals(200, cleared.status());
        assertNull(cleared.at("clientId"));
        assertNull(cleared.at("name"));
        assertEquals(cleared.object(), server.get("/v1/pods/" + id, account.token()).object());
    }

    @Test
    void patchRefusesAClientIdOfAnotherPodAndBadFields() {
        server.post("/v1/pods", account.token(), "{\"clientId\":\"first\"}");
        String second = server.post("/v1/pods", account.token(), "{\"clientId\":\"second\"}").string("id");

        Reply taken = server.patch("/v1/pods/" + second, account.token(), "{\"clientId\":\"first\"}");
        assertEquals(409, taken.status());
        assertEquals("client_id_taken", taken.error());
        assertEquals("second", server.get("/v1/pods/" + second, account.token()).string("clientId"), "nothing changed");

        Reply sameAgain = server.patch("/v1/pods/" + second, account.token(), "{\"clientId\":\"second\"}");
        assertEquals(200, sameAgain.status(), "keeping one's own clientId is no clash");

        assertEquals(400, server.patch("/v1/pods/second", account.token(), "{\"clientId\":\"pod_x\"}").status());
        assertEquals(400, server.patch("/v1/pods/second", account.token(), "{\"name\":5}").status());
        assertEquals(400, server.patch("/v1/pods/second", account.token(), "{\"isDefault\":true}").status());
        assertEquals(404, server.patch("/v1/pods/missing", account.token(), "{\"name\":\"x\"}").status());
    }

    @Test
    void listsDefaultPodFirstThenOldestFirstWithClampedLimitAndOffset() {
        for (int i = 0; i < 5; i++) {
            server.post("/v1/pods", account.token(), "{\"clientId\":\"p" + i + "\"}");
        }

        Reply all = server.get("/v1/pods", account.token());
        assertEquals(6, all.total());
        List<Object> clientIds = all.data().stream().map(p -> p.get("clientId")).toList();
        assertEquals(java.util.Arrays.asList(null, "p0", "p1", "p2", "p3", "p4"), clientIds);

        Reply window = server.get("/v1/pods?limit=2&offset=2", account.token());
        assertEquals(6, window.total());
        assertEquals(List.of("p1", "p2"), window.data().stream().map(p -> p.get("clientId")).toList());

        assertEquals(1, server.get("/v1/pods?limit=0", account.token()).data().size(), "limit 0 is clamped to 1");
        assertEquals(1, server.get("/v1/pods?limit=-7", account.token()).data().size(), "a negative limit is clamped to 1");
        assertEquals(6, server.get("/v1/pods?limit=1000", account.token()).data().size(), "limit 1000 is clamped to 100");
        assertEquals(0, server.get("/v1/pods?offset=6", account.token()).data().size());
        assertEquals(6, server.get("/v1/pods?offset=6", account.token()).total());

        for (String bad : List.of("offset=-1", "offset=abc", "limit=ten", "limit=1.5", "offset=")) {
            Reply reply = server.get("/v1/pods?" + bad, account.token());
            assertEquals(400, reply.status(), bad);
            assertEquals("bad_request", reply.error(), bad);
        }
    }

    @Test
    void listsAtMost100PodsPerPage() {
        for (int i = 0; i < 101; i++) {
            assertEquals(201, server.post("/v1/pods", account.token(), "{}").status());
        }
        Reply page = server.get("/v1/pods?limit=500", account.token());
        assertEquals(100, page.data().size());
        assertEquals(102, page.total());
        assertEquals(account.defaultPodId(), page.data().get(0).get("id"));
    }

    @Test
    void deletesAnEmptyPodByIdOrClientId() {
        String id = server.post("/v1/pods", account.token(), "{\"clientId\":\"gone\"}").string("id");
        server.post("/v1/pods", account.token(), "{\"clientId\":\"also-gone\"}");

        Reply byClientId = server.delete("/v1/pods/gone", account.token());
        assertEquals(204, byClientId.status());
        assertTrue(byClientId.body().isEmpty());
        assertEquals(404, server.get("/v1/pods/" + id, account.token()).status());
        assertEquals(404, server.delete("/v1/pods/" + id, account.token()).status());

        assertEquals(204, server.delete("/v1/pods/also-gone", account.token()).status());
        assertEquals(1, server.get("/v1/pods", account.token()).total());
        assertEquals(201, server.post("/v1/pods", account.token(), "{\"clientId\":\"gone\"}").status(),
                "a deleted pod's clientId is free again");
    }

    @Test
    void theDefaultPodCannotBeDeleted() {
        Reply reply = server.delete("/v1/pods/" + account.defaultPodId(), account.token());

        assertEquals(409, reply.status());
        assertEquals("default_pod", reply.error());
        assertEquals(200, server.get("/v1/pods/" + account.defaultPodId(), account.token()).status());
    }

    @Test
    void aPodWithAnInboxIsNotEmptyAndInboxesAreCheckedBeforeDomains() {
        String podId = server.post("/v1/pods", account.token(), "{\"clientId\":\"busy\"}").string("id");
        server.insertInbox(account.id(), podId, "support-" + podId + "@example.test");
        server.insertScopedDomain(account.id(), podId, podId + ".example.test");

        Reply reply = server.delete("/v1/pods/busy", account.token());

        assertEquals(409, reply.status());
        assertEquals("pod_not_empty", reply.error());
        assertTrue(reply.string("message").contains("inbox"));
        assertEquals(200, server.get("/v1/pods/busy", account.token()).status());
    }

    @Test
    void aPodOwningAScopedDomainCannotBeDeleted() {
        String podId = server.post("/v1/pods", account.token(), "{\"clientId\":\"owner\"}").string("id");
        server.insertScopedDomain(account.id(), podId, podId + ".example.test");

        Reply reply = server.delete("/v1/pods/owner", account.token());

        assertEquals(409, reply.status());
        assertEquals("pod_has_domains", reply.error());
        assertEquals(200, server.get("/v1/pods/owner", account.token()).status());
    }

    @Test
    void theDefaultPodWithAnInboxReportsTheInboxFirst() {
        server.insertInbox(account.id(), account.defaultPodId(), "first-" + account.id() + "@example.test");

        Reply reply = server.delete("/v1/pods/" + account.defaultPodId(), account.token());

        assertEquals(409, reply.status());
        assertEquals("pod_not_empty", reply.error());
    }

    @Test
    void unknownPodsAreNotFound() {
        for (String ref : List.of("nope", "pod_01aaaaaaaaaaaaaaaaaaaaaaaa", "pod_garbage", "has%20space")) {
            Reply get = server.get("/v1/pods/" + ref, account.token());
            assertEquals(404, get.status(), ref);
            assertEquals("not_found", get.error(), ref);
            assertEquals(404, server.patch("/v1/pods/" + ref, account.token(), "{}").status(), ref);
            assertEquals(404, server.delete("/v1/pods/" + ref, account.token()).status(), ref);
        }
    }

    @Test
    void twoAccountsCannotSeeOrTouchEachOthersPods() {
        Account other = server.openAccount();
        Reply mine = server.post("/v1/pods", account.token(), "{\"clientId\":\"private\",\"name\":\"Mine\"}");
        String myPodId = mine.string("id");

        for (String ref : List.of(myPodId, "private", account.defaultPodId())) {
            Reply get = server.get("/v1/pods/" + ref, other.token());
            assertEquals(404, get.status(), ref);
            assertEquals("not_found", get.error());
            assertEquals(404, server.patch("/v1/pods/" + ref, other.token(), "{\"name\":\"stolen\"}").status(), ref);
            assertEquals(404, server.delete("/v1/pods/" + ref, other.token()).status(), ref);
        }

        Reply othersList = server.get("/v1/pods", other.token());
        assertEquals(1, othersList.total());
        assertEquals(other.defaultPodId(), othersList.data().get(0).get("id"));
        assertFalse(othersList.body().contains(myPodId));
        assertEquals(mine.object(), server.get("/v1/pods/" + myPodId, account.token()).object(), "untouched");
    }

    @Test
    void everyPodCarriesTheDocumentedFields() {
        Map<String, Object> pod = server.post("/v1/pods", account.token(), "{\"clientId\":\"shape\"}").object();

        assertEquals(java.util.Set.of("id", "clientId", "name", "isDefault", "createdAt"), pod.keySet());
        assertNotNull(Instant.parse((String) pod.get("createdAt")));
    }
}
