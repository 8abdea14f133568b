package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.bootstrap.support.ServerProcess;
import dev.openmail.bootstrap.system.UsageSystemTest.Smtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.openmail.bootstrap.system.UsageSystemTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two server processes on one MySQL database take mail for one account at once: together they never store more than
 * the account's quota, and the counters both keep agree with the rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaProcessesSystemTest {

    private RunningServer here;
    private ServerProcess child;
    private int childSmtpPort;

    @BeforeAll
    void startTwoProcesses() throws Exception {
        TestDatabase database = TestDatabase.mysql();
        here = RunningServer.start(database, Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.default-domain", RunningServer.DEFAULT_DOMAIN));
        Path workDir = Files.createTempDirectory("openmail-quota-child");
        childSmtpPort = RunningServer.freePort();
        Map<String, String> env = ServerProcess.besideTestServer(database, RunningServer.freePort(), childSmtpPort);
        child = ServerProcess.start(workDir, env);
    }

    @AfterAll
    void stop() throws Exception {
        if (child != null) {
            child.kill();
        }
        if (here != null) {
            here.close();
        }
    }

    @Test
    void twoProcessesTogetherKeepAnAccountWithinItsQuota() throws Exception {
        Account account = here.openAccount();
        Reply inbox = here.post("/v1/inboxes", account.token(), "{}");
        assertEquals(201, inbox.status(), inbox.body());
        String address = inbox.string("address");
        long quota = 15_000;
        assertEquals(200, here.patch("/admin/v1/accounts/" + account.id(), RunningServer.ADMIN_TOKEN,
                "{\"storageQuotaBytes\":" + quota + "}").status());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                int port = client % 2 == 0 ? here.smtpPort() : childSmtpPort;
                runs.add(pool.submit(() -> {
                    List<String> replies = new ArrayList<>();
                    try (Smtp smtp = new Smtp(port)) {
                        for (int i = 0; i < 4; i++) {
                            replies.add(smtp.send(List.of(address), message(address, 1000)));
                        }
                    }
                    return replies;
                }));
            }
            List<String> replies = new ArrayList<>();
            for (Future<List<String>> run : runs) {
                replies.addAll(run.get(120, TimeUnit.SECONDS));
            }
            assertTrue(replies.stream().allMatch(reply -> reply.startsWith("250") || reply.startsWith("452 4.2.2")),
                    replies.toString());
            long accepted = replies.stream().filter(reply -> reply.startsWith("250")).count();
            assertTrue(accepted > 0 && accepted < replies.size(), replies.toString());
            long stored = here.queryForLong("SELECT COALESCE(SUM(OCTET_LENGTH(raw)), 0) FROM messages"
                    + " WHERE account_id = ?", account.id());
            assertEquals(accepted, here.queryForLong("SELECT COUNT(*) FROM messages WHERE account_id = ?",
                    account.id()));
            assertTrue(stored <= quota, stored + " bytes stored against a quota of " + quota);
            Reply usage = here.get("/v1/usage", account.token());
            assertEquals(stored, ((Number) usage.at("account.storedBytes")).longValue());
            assertEquals(accepted, ((Number) usage.at("account.inboundMessages")).longValue());
        } finally {
            pool.shutdownNow();
        }
    }
}
