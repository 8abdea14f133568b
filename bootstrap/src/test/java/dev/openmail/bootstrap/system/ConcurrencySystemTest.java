package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariants the database must hold when requests race, run against the MySQL-family test database (see
 * TestDatabase.mysql()). {@code GaleraConcurrencySystemTest} runs the same races with the racing requests spread over
 * two servers on two nodes of a Galera cluster.
 */
class ConcurrencySystemTest {

    /** The server that sets each test up and reads its outcome. */
    protected final RunningServer server = reader();

    /** The server of the test's setup and reads: the shared one. */
    protected RunningServer reader() {
        return RunningServer.shared();
    }

    /** The server that the {@code index}th of the racing requests goes to: here every one goes to the shared server. */
    protected RunningServer writer(int index) {
        return server;
    }

    @Test
    void fiftyParallelCreatesWithOneClientIdMakeExactlyOnePod() throws Exception {
        Account account = server.openAccount();
        int parallel = 50;

        List<Reply> replies = runTogether(parallel, i -> () ->
                writer(i).post("/v1/pods", account.token(), "{\"clientId\":\"race\",\"name\":\"attempt " + i + "\"}"));

        long created = replies.stream().filter(r -> r.status() == 201).count();
        long conflicts = replies.stream().filter(r -> r.status() == 409 && "client_id_taken".equals(r.error())).count();
        assertEquals(1, created, replies.toString());
        assertEquals(parallel - 1, conflicts, replies.toString());
        Reply pods = server.get("/v1/pods", account.token());
        assertEquals(2, pods.total(), "the default pod and the one winner");
        String winner = replies.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().string("id");
        assertEquals(winner, server.get("/v1/pods/race", account.token()).string("id"));
    }

    @Test
    void aPodDeletedWhileAnInboxIsAddedNeverLosesTheInboxAndNeverLeavesItPodless() throws Exception {
        Account account = server.openAccount();
        int rounds = 25;
        int deleted = 0;
        int refused = 0;
        for (int round = 0; round < rounds; round++) {
            String podId = server.post("/v1/pods", account.token(), "{}").string("id");
            String address = "race-" + podId + "@example.test";

            List<Object> outcome = runTogether(2, i -> i == 0
                    ? () -> writer(i).delete("/v1/pods/" + podId, account.token())
                    : () -> {
                        try {
                            writer(i).insertInbox(account.id(), podId, address);
                            return Boolean.TRUE;
                        } catch (IllegalStateException foreignKeyRefused) {
                            return Boolean.FALSE;
                        }
                    });
            Reply deletion = (Reply) outcome.get(0);
            boolean inboxAdded = (Boolean) outcome.get(1);

            if (deletion.status() == 204) {
                deleted++;
                assertTrue(!inboxAdded, "round " + round + ": pod deleted but an inbox was added to it");
                assertEquals(404, server.get("/v1/pods/" + podId, account.token()).status());
            } else {
                refused++;
                assertEquals(409, deletion.status(), deletion.body());
                assertEquals("pod_not_empty", deletion.error());
                assertTrue(inboxAdded, "round " + round + ": deletion refused although no inbox was added");
                assertEquals(200, server.get("/v1/pods/" + podId, account.token()).status());
            }
        }
        assertEquals(rounds, deleted + refused);
    }

    @Test
    void aPodDeletedWhileInboxesAreCreatedInItIsEitherGoneWithNoInboxOrKeepsEveryCreatedInbox() throws Exception {
        Account account = server.openAccount();
        for (int round = 0; round < 10; round++) {
            String podId = server.post("/v1/pods", account.token(), "{}").string("id");
            int creators = 8;

            List<Reply> replies = runTogether(creators + 1, i -> i == 0
                    ? () -> writer(i).delete("/v1/pods/" + podId, account.token())
                    : () -> writer(i).post("/v1/inboxes", account.token(), "{\"podId\":\"" + podId + "\"}"));

            Reply deletion = replies.get(0);
            List<Reply> creations = replies.subList(1, replies.size());
            List<Reply> created = creations.stream().filter(r -> r.status() == 201).toList();
            for (Reply creation : creations) {
                assertTrue(creation.status() == 201 || (creation.status() == 400 && "invalid_pod".equals(creation.error())),
                        "round " + round + ": " + creation);
            }
            if (deletion.status() == 204) {
                assertTrue(created.isEmpty(), "round " + round + ": pod deleted although inboxes were created in it");
                assertEquals(0, server.get("/v1/inboxes?podId=" + podId, account.token()).total());
            } else {
                assertEquals(409, deletion.status(), deletion.body());
                assertEquals("pod_not_empty", deletion.error());
                assertEquals(200, server.get("/v1/pods/" + podId, account.token()).status());
                for (Reply inbox : created) {
                    assertEquals(podId, server.get("/v1/inboxes/" + inbox.string("id"), account.token()).string("podId"));
                }
            }
        }
    }

    @Test
    void parallelCreatesStopExactlyAtTheInboxLimit() throws Exception {
        Account account = server.openAccount();
        int limit = 5;
        server.patch("/admin/v1/accounts/" + account.id(), RunningServer.ADMIN_TOKEN, "{\"inboxLimit\":" + limit + "}");

        List<Reply> replies = runTogether(20, i -> () -> writer(i).post("/v1/inboxes", account.token(), "{}"));

        assertEquals(limit, replies.stream().filter(r -> r.status() == 201).count(), replies.toString());
        assertEquals(20 - limit, replies.stream()
                .filter(r -> r.status() == 422 && "inbox_limit_reached".equals(r.error())).count(), replies.toString());
        assertEquals(limit, server.get("/v1/inboxes", account.token()).total());
    }

    @Test
    void oneAddressRequestedInParallelIsCreatedOnce() throws Exception {
        Account account = server.openAccount();
        String name = "race" + Long.toString(System.nanoTime(), 36);

        List<Reply> replies = runTogether(20, i -> () ->
                writer(i).post("/v1/inboxes", account.token(), "{\"mailboxName\":\"" + name + "\"}"));

        assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies.toString());
        assertEquals(19, replies.stream().filter(r -> r.status() == 409 && "address_taken".equals(r.error())).count());
        assertEquals(1, server.get("/v1/inboxes", account.token()).total());
    }

    @Test
    void narrowingADomainWhileAnotherPodCreatesInboxesOnItNeverLeavesAnInboxOutsideTheScope() throws Exception {
        Account account = server.openAccount();
        for (int round = 0; round < 6; round++) {
            String podA = server.post("/v1/pods", account.token(), "{}").string("id");
            String podB = server.post("/v1/pods", account.token(), "{}").string("id");
            String domain = VerifiedDomains.verified(server, account, null);

            List<Reply> replies = runTogether(7, i -> i == 0
                    ? () -> writer(i).patch("/v1/domains/" + VerifiedDomains.idOf(writer(i), account, domain), account.token(),
                    "{\"podId\":\"" + podA + "\"}")
                    : () -> writer(i).post("/v1/inboxes", account.token(),
                    "{\"podId\":\"" + podB + "\",\"domain\":\"" + domain + "\"}"));

            Reply narrowing = replies.get(0);
            long createdInB = replies.subList(1, replies.size()).stream().filter(r -> r.status() == 201).count();
            for (Reply creation : replies.subList(1, replies.size())) {
                assertTrue(creation.status() == 201 || (creation.status() == 400 && "invalid_domain".equals(creation.error())),
                        "round " + round + ": " + creation);
            }
            if (narrowing.status() == 200) {
                assertEquals(podA, narrowing.string("podId"));
                assertEquals(0, createdInB, "round " + round + ": inboxes of pod B on a domain scoped to pod A");
            } else {
                assertEquals(409, narrowing.status(), narrowing.body());
                assertEquals("domain_in_use", narrowing.error());
                assertTrue(createdInB > 0, "round " + round + ": narrowing refused although pod B had no inbox on it");
            }
            long inboxesOfBOnDomain = server.get("/v1/inboxes?podId=" + podB + "&limit=100", account.token()).data().stream()
                    .filter(inbox -> ((String) inbox.get("address")).endsWith("@" + domain)).count();
            assertEquals(createdInB, inboxesOfBOnDomain);
        }
    }

    @Test
    void addingScopedDomainsWhileInboxesAreCreatedInThePodNeverFails() throws Exception {
        Account account = server.openAccount();
        String podId = server.post("/v1/pods", account.token(), "{}").string("id");
        String suffix = Long.toString(System.nanoTime(), 36);

        List<Reply> replies = runTogether(16, i -> i % 2 == 0
                ? () -> writer(i).post("/v1/domains", account.token(),
                "{\"domain\":\"d" + i + "-" + suffix + ".example.test\",\"podId\":\"" + podId + "\"}")
                : () -> writer(i).post("/v1/inboxes", account.token(), "{\"podId\":\"" + podId + "\"}"));

        for (Reply reply : replies) {
            assertEquals(201, reply.status(), reply.toString());
        }
        assertEquals(8, server.get("/v1/inboxes?podId=" + podId, account.token()).total());
        assertEquals(8, server.get("/v1/domains?podId=" + podId, account.token()).total());
    }

    @Test
    void narrowingADomainToTheDefaultPodWhileTheDefaultPodCreatesInboxesOnItNeverFails() throws Exception {
        Account account = server.openAccount();
        for (int round = 0; round < 5; round++) {
            String domain = VerifiedDomains.verified(server, account, null);
            String domainId = VerifiedDomains.idOf(server, account, domain);

            List<Reply> replies = runTogether(7, i -> i == 0
                    ? () -> writer(i).patch("/v1/domains/" + domainId, account.token(),
                    "{\"podId\":\"" + account.defaultPodId() + "\"}")
                    : () -> writer(i).post("/v1/inboxes", account.token(), "{\"domain\":\"" + domain + "\"}"));

            for (Reply reply : replies) {
                assertTrue(reply.status() == 200 || reply.status() == 201, "round " + round + ": " + reply);
            }
        }
    }

    @Test
    void parallelPatchesOfDifferentFieldsKeepBothChanges() throws Exception {
        Account account = server.openAccount();
        for (int round = 0; round < 15; round++) {
            String podId = server.post("/v1/pods", account.token(), "{\"clientId\":\"before-" + round + "\",\"name\":\"before\"}")
                    .string("id");
            String clientId = "after-" + round;
            int newLimit = 300 + round;

            List<Reply> replies = runTogether(2, i -> i == 0
                    ? () -> writer(i).patch("/v1/pods/" + podId, account.token(), "{\"clientId\":\"" + clientId + "\"}")
                    : () -> writer(i).patch("/v1/pods/" + podId, account.token(), "{\"name\":\"after\"}"));
            List<Reply> accountReplies = runTogether(2, i -> i == 0
                    ? () -> writer(i).patch("/admin/v1/accounts/" + account.id(), RunningServer.ADMIN_TOKEN, "{\"name\":\"n" + clientId + "\"}")
                    : () -> writer(i).patch("/admin/v1/accounts/" + account.id(), RunningServer.ADMIN_TOKEN,
                    "{\"inboxLimit\":" + newLimit + "}"));

            replies.forEach(reply -> assertEquals(200, reply.status(), reply.toString()));
            accountReplies.forEach(reply -> assertEquals(200, reply.status(), reply.toString()));
            Reply pod = server.get("/v1/pods/" + podId, account.token());
            assertEquals(clientId, pod.string("clientId"), "round " + round);
            assertEquals("after", pod.string("name"), "round " + round);
            Reply accounts = server.get("/admin/v1/accounts?limit=100&offset=0", RunningServer.ADMIN_TOKEN);
            long total = accounts.total();
            java.util.Map<String, Object> mine = server.get("/admin/v1/accounts?limit=100&offset=" + Math.max(0, total - 100),
                    RunningServer.ADMIN_TOKEN).data().stream().filter(a -> account.id().equals(a.get("id"))).findFirst()
                    .orElseThrow();
            assertEquals("n" + clientId, mine.get("name"), "round " + round);
            assertEquals(newLimit, ((Number) mine.get("inboxLimit")).intValue(), "round " + round);
        }
    }

    /** Keys minted in parallel for one holder (the account, a pod, an inbox) stop at twenty active keys each. */
    @Test
    void parallelKeyCreationsStopAtTwentyPerHolder() throws Exception {
        Account account = server.openAccount();
        String podId = server.post("/v1/pods", account.token(), "{}").string("id");
        String inboxId = server.post("/v1/inboxes", account.token(), "{\"podId\":\"" + podId + "\"}").string("id");
        for (String holder : List.of("/v1", "/v1/pods/" + podId, "/v1/inboxes/" + inboxId)) {
            long before = server.get(holder + "/api-keys", account.token()).total();

            List<Reply> replies = runTogether(30, i -> () -> writer(i).post(holder + "/api-keys", account.token(), "{}"));

            long created = replies.stream().filter(r -> r.status() == 201).count();
            assertEquals(20 - before, created, holder + ": " + replies);
            assertEquals(30 - created, replies.stream()
                    .filter(r -> r.status() == 422 && "api_key_limit_reached".equals(r.error())).count(), replies.toString());
            assertEquals(20, server.get(holder + "/api-keys", account.token()).total(), holder);
        }
    }

    /**
     * The key is the account's: sends racing under one key from two of its inboxes make one message between them. The
     * first inbox's repeats are answered with it; the other inbox's sends are refused as a reuse of the key.
     */
    @Test
    void parallelSendsUnderOneKeyFromTwoInboxesOfTheAccountSendOneMessage() throws Exception {
        Account account = server.openAccount();
        String first = server.post("/v1/inboxes", account.token(), "{}").string("id");
        String second = server.post("/v1/inboxes", account.token(), "{}").string("id");
        String to = server.post("/v1/inboxes", server.openAccount().token(), "{}").string("address");
        String key = "race-" + UUID.randomUUID();
        String body = "{\"to\":\"" + to + "\",\"subject\":\"Once\",\"body\":\"Only one of these.\"}";

        List<Reply> replies = runTogether(8, i -> () -> writer(i).send(RunningServer.authorized(HttpRequest.newBuilder(
                        writer(i).uri("/v1/inboxes/" + (i % 2 == 0 ? first : second) + "/send"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)), account.token())));

        List<Reply> answered = replies.stream().filter(reply -> reply.status() == 200).toList();
        List<Reply> refused = replies.stream().filter(reply -> reply.status() == 422).toList();
        assertEquals(replies.size(), answered.size() + refused.size(), replies.toString());
        assertEquals(4, answered.size(), "the winning inbox's four sends are one request: " + replies);
        assertEquals(1, answered.stream().map(reply -> reply.string("messageId")).distinct().count(), replies.toString());
        assertTrue(refused.stream().allMatch(reply -> reply.string("error").equals("idempotency_key_reused")),
                replies.toString());
        long sent = server.get("/v1/inboxes/" + first + "/messages", account.token()).total()
                + server.get("/v1/inboxes/" + second + "/messages", account.token()).total();
        assertEquals(1, sent);
    }

    interface Task<T> {
        Callable<T> forIndex(int index);
    }

    /** Runs {@code count} tasks released at the same instant and waits (bounded) for all of them. */
    static <T> List<T> runTogether(int count, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<T> work = task.forIndex(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.call();
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS));
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
