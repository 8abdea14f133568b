package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Minting, listing, using and revoking keys of each kind over real HTTP. */
class ApiKeysSystemTest {

    private final RunningServer server = RunningServer.shared();
    private Account account;

    @BeforeEach
    void openAccount() {
        account = server.openAccount();
    }

    @Test
    void aPodKeyIsShownOnceAndListedWithoutItsToken() {
        String pod = created(server.post("/v1/pods", account.token(), "{\"clientId\":\"acme\"}")).string("id");

        Reply minted = created(server.post("/v1/pods/acme/api-keys", account.token(), "{\"name\":\"Acme agent ✉\"}"));

        String token = minted.string("token");
        assertTrue(token.startsWith("om_"), token);
        assertTrue(Base64.getUrlDecoder().decode(token.substring(3)).length * 8 >= 128, "at least 128 random bits");
        assertTrue(minted.string("id").startsWith("key_"));
        assertEquals(pod, minted.string("podId"));
        assertNull(minted.object().get("inboxId"));
        assertNull(minted.object().get("lastUsedAt"));
        assertEquals("Acme agent ✉", minted.string("name"));
        assertEquals(token.substring(0, minted.string("tokenPrefix").length()), minted.string("tokenPrefix"));
        assertEquals(token.substring(token.length() - 4), minted.string("last4"));

        Reply listed = server.get("/v1/pods/" + pod + "/api-keys", account.token());
        assertEquals(200, listed.status(), listed.body());
        assertEquals(1, listed.total());
        Map<String, Object> only = listed.data().get(0);
        assertEquals(Set.of("id", "name", "podId", "inboxId", "tokenPrefix", "last4", "createdAt", "lastUsedAt"), only.keySet());
        assertEquals(minted.string("id"), only.get("id"));
        assertFalse(listed.body().contains(token), "a listing never shows a token");
    }

    @Test
    void lastUsedAtIsSetByTheFirstRequestTheKeyAuthenticates() {
        String inbox = created(server.post("/v1/inboxes", account.token(), "{}")).string("id");
        Reply minted = created(server.post("/v1/inboxes/" + inbox + "/api-keys", account.token(), "{}"));
        assertNull(onlyKey("/v1/inboxes/" + inbox + "/api-keys").get("lastUsedAt"));

        assertEquals(200, server.get("/v1/inboxes/" + inbox, minted.string("token")).status());

        Object lastUsedAt = onlyKey("/v1/inboxes/" + inbox + "/api-keys").get("lastUsedAt");
        assertNotNull(lastUsedAt, "the key was used");
        assertTrue(((String) lastUsedAt).compareTo(minted.string("createdAt")) >= 0, lastUsedAt + " vs " + minted.body());
    }

    @Test
    void aRevokedKeyIsRefusedOnTheVeryNextRequest() {
        String pod = created(server.post("/v1/pods", account.token(), "{}")).string("id");
        Reply minted = created(server.post("/v1/pods/" + pod + "/api-keys", account.token(), "{}"));
        String token = minted.string("token");
        assertEquals(200, server.get("/v1/pods/" + pod, token).status());

        assertEquals(204, server.delete("/v1/pods/" + pod + "/api-keys/" + minted.string("id"), account.token()).status());

        Reply refused = server.get("/v1/pods/" + pod, token);
        assertEquals(401, refused.status(), refused.body());
        assertEquals("unauthorized", refused.error());
        assertEquals(0, server.get("/v1/pods/" + pod + "/api-keys", account.token()).total());
        assertEquals(404, server.delete("/v1/pods/" + pod + "/api-keys/" + minted.string("id"), account.token()).status(),
                "a revoked key is gone");
    }

    @Test
    void deletingAnInboxRevokesItsKeysAndDeletingAPodRevokesItsKeys() {
        String pod = created(server.post("/v1/pods", account.token(), "{}")).string("id");
        String inbox = created(server.post("/v1/inboxes", account.token(), "{\"podId\":\"" + pod + "\"}")).string("id");
        String inboxKey = created(server.post("/v1/inboxes/" + inbox + "/api-keys", account.token(), "{}")).string("token");
        String podKey = created(server.post("/v1/pods/" + pod + "/api-keys", account.token(), "{}")).string("token");
        assertEquals(200, server.get("/v1/inboxes/" + inbox, inboxKey).status());

        assertEquals(204, server.delete("/v1/inboxes/" + inbox, account.token()).status());
        assertEquals(401, server.get("/v1/inboxes", inboxKey).status());
        assertEquals(200, server.get("/v1/inboxes", podKey).status(), "the pod's own key lives on");

        assertEquals(204, server.delete("/v1/pods/" + pod, account.token()).status());
        assertEquals(401, server.get("/v1/inboxes", podKey).status());
    }

    @Test
    void aKeyIsRevokedOnlyThroughItsOwnHolder() {
        String podP = created(server.post("/v1/pods", account.token(), "{}")).string("id");
        String podQ = created(server.post("/v1/pods", account.token(), "{}")).string("id");
        String inbox = created(server.post("/v1/inboxes", account.token(), "{\"podId\":\"" + podP + "\"}")).string("id");
        Reply podKey = created(server.post("/v1/pods/" + podP + "/api-keys", account.token(), "{}"));
        Reply inboxKey = created(server.post("/v1/inboxes/" + inbox + "/api-keys", account.token(), "{}"));

        assertEquals(404, server.delete("/v1/pods/" + podQ + "/api-keys/" + podKey.string("id"), account.token()).status());
        assertEquals(404, server.delete("/v1/pods/" + podP + "/api-keys/" + inboxKey.string("id"), account.token()).status());
        assertEquals(404, server.delete("/v1/api-keys/" + podKey.string("id"), account.token()).status());
        Account other = server.openAccount();
        assertEquals(404, server.delete("/v1/pods/" + podP + "/api-keys/" + podKey.string("id"), other.token()).status());

        assertEquals(200, server.get("/v1/pods/" + podP, podKey.string("token")).status(), "still valid");
        assertEquals(200, server.get("/v1/inboxes/" + inbox, inboxKey.string("token")).status(), "still valid");
    }

    @Test
    void theAccountKeyCanBeRotatedButTheLastOneCannotBeRevoked() {
        String oldKeyId = server.get("/v1/api-keys", account.token()).data().get(0).get("id").toString();
        Reply lastOne = server.delete("/v1/api-keys/" + oldKeyId, account.token());
        assertEquals(409, lastOne.status(), lastOne.body());
        assertEquals("last_account_key", lastOne.error());

        Reply fresh = created(server.post("/v1/api-keys", account.token(), "{\"name\":\"rotated\"}"));
        assertNull(fresh.object().get("podId"));
        assertEquals(204, server.delete("/v1/api-keys/" + oldKeyId, fresh.string("token")).status());

        assertEquals(401, server.get("/v1/pods", account.token()).status(), "the old key is revoked");
        Reply listed = server.get("/v1/api-keys", fresh.string("token"));
        assertEquals(List.of(fresh.string("id")), listed.data().stream().map(key -> key.get("id")).toList());
    }

    @Test
    void twentyActiveKeysPerPodHoldUnderParallelMinting() throws Exception {
        String pod = created(server.post("/v1/pods", account.token(), "{}")).string("id");
        List<Reply> replies = parallel(30, () -> server.post("/v1/pods/" + pod + "/api-keys", account.token(), "{}"));

        assertEquals(20, replies.stream().filter(reply -> reply.status() == 201).count(), replies.toString());
        for (Reply refused : replies.stream().filter(reply -> reply.status() != 201).toList()) {
            assertEquals(422, refused.status(), refused.body());
            assertEquals("api_key_limit_reached", refused.error());
        }
        assertEquals(20, server.get("/v1/pods/" + pod + "/api-keys?limit=100", account.token()).total());

        // Revoking one makes room for exactly one more.
        String oneId = server.get("/v1/pods/" + pod + "/api-keys", account.token()).data().get(0).get("id").toString();
        assertEquals(204, server.delete("/v1/pods/" + pod + "/api-keys/" + oneId, account.token()).status());
        assertEquals(201, server.post("/v1/pods/" + pod + "/api-keys", account.token(), "{}").status());
        assertEquals(422, server.post("/v1/pods/" + pod + "/api-keys", account.token(), "{}").status());
    }

    @Test
    void anInboxHasItsOwnLimitApartFromItsPod() throws Exception {
        String pod = created(server.post("/v1/pods", account.token(), "{}")).string("id");
        String inbox = created(server.post("/v1/inboxes", account.token(), "{\"podId\":\"" + pod + "\"}")).string("id");
        List<Reply> inboxKeys = parallel(25, () -> server.post("/v1/inboxes/" + inbox + "/api-keys", account.token(), "{}"));
        assertEquals(20, inboxKeys.stream().filter(reply -> reply.status() == 201).count());
        assertEquals(201, server.post("/v1/pods/" + pod + "/api-keys", account.token(), "{}").status(),
                "inbox keys do not count against their pod");
    }

    @Test
    void aKeyNameIsCheckedLikeEveryBody() {
        String pod = created(server.post("/v1/pods", account.token(), "{}")).string("id");
        Reply tooLong = server.post("/v1/pods/" + pod + "/api-keys", account.token(), "{\"name\":\"" + "x".repeat(256) + "\"}");
        assertEquals(400, tooLong.status(), tooLong.body());
        assertEquals("bad_request", tooLong.error());
        assertTrue(tooLong.string("message").contains("name"), tooLong.body());
        Reply unknownField = server.post("/v1/pods/" + pod + "/api-keys", account.token(), "{\"scope\":\"all\"}");
        assertEquals(400, unknownField.status(), unknownField.body());
        assertEquals(0, server.get("/v1/pods/" + pod + "/api-keys", account.token()).total(), "nothing was minted");
        Reply badKeyId = server.delete("/v1/pods/" + pod + "/api-keys/not-a-key", account.token());
        assertEquals(404, badKeyId.status(), badKeyId.body());
    }

    private Map<String, Object> onlyKey(String keysPath) {
        Reply listed = server.get(keysPath, account.token());
        assertEquals(1, listed.total(), listed.body());
        return listed.data().get(0);
    }

    private static Reply created(Reply reply) {
        assertEquals(201, reply.status(), reply.body());
        return reply;
    }

    private static List<Reply> parallel(int count, Callable<Reply> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
