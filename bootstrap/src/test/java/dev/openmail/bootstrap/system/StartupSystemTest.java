package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the server does when it starts: the first account and its key, the bootstrap key, the operator switch. */
class StartupSystemTest {

    private static final Pattern PRINTED_KEY = Pattern.compile("\\n {3}(om_[A-Za-z0-9_-]+)\\n");

    @Test
    void theFirstStartOnAnEmptyEmbeddedDatabaseOpensAnAccountAndPrintsItsKeyOnce(@TempDir Path dataDir) {
        TestDatabase embedded = TestDatabase.h2File(dataDir);

        String firstOutput = captureStdout(() -> RunningServer.start(embedded, Map.of()), server -> {
            Matcher key = PRINTED_KEY.matcher(server.output());
            assertTrue(key.find(), server.output());
            Reply pods = server.server().get("/v1/pods", key.group(1));
            assertEquals(200, pods.status());
            assertEquals(1, pods.total());
        });
        assertTrue(firstOutput.contains("printed this once"));

        String secondOutput = captureStdout(() -> RunningServer.start(embedded, Map.of()), server -> {
            assertFalse(PRINTED_KEY.matcher(server.output()).find(), "no second key: " + server.output());
            Matcher firstKey = PRINTED_KEY.matcher(firstOutput);
            assertTrue(firstKey.find());
            assertEquals(200, server.server().get("/v1/pods", firstKey.group(1)).status(), "the key survives a restart");
        });
        assertTrue(secondOutput.contains("API keys:"), "says how to get a key: " + secondOutput);
    }

    @Test
    void aConfiguredBootstrapKeyOpensItsAccountOnceAndWorks() {
        String bootstrapKey = "om_bootstrap_" + System.nanoTime() + "_abcdefghijklmnop";
        TestDatabase database = TestDatabase.h2();
        Map<String, Object> properties = Map.of("openmail.bootstrap-api-key", bootstrapKey);

        String accountId;
        try (RunningServer first = RunningServer.start(database, properties)) {
            Reply pods = first.get("/v1/pods", bootstrapKey);
            assertEquals(200, pods.status());
            assertEquals(1, pods.total());
            accountId = (String) pods.data().get(0).get("id");
        }
        try (RunningServer second = RunningServer.start(database, properties)) {
            Reply pods = second.get("/v1/pods", bootstrapKey);
            assertEquals(1, pods.total());
            assertEquals(accountId, pods.data().get(0).get("id"), "the same account, not a second one");
        }
    }

    @Test
    void aMalformedBootstrapKeyStopsTheStartWithAClearMessage() {
        Map<String, Object> properties = Map.of("openmail.bootstrap-api-key", "not-an-openmail-key");

        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> RunningServer.start(TestDatabase.h2(), properties).close());
        assertTrue(rootMessages(failure).contains("OPENMAIL_BOOTSTRAP_API_KEY"), rootMessages(failure));
    }

    @Test
    void theOperatorsReservedMailboxNamesAreRefusedOnTheDefaultDomainBesidesTheRoleNames() {
        String key = "om_reserved_" + System.nanoTime() + "_abcdefghijklmnop";
        Map<String, Object> properties = Map.of("openmail.bootstrap-api-key", key,
                "openmail.reserved-mailbox-names", " Billing, ,careers ");

        try (RunningServer server = RunningServer.start(TestDatabase.h2(), properties)) {
            for (String name : new String[]{"billing", "careers", "postmaster", "support"}) {
                Reply refused = server.post("/v1/inboxes", key, "{\"mailboxName\":\"" + name + "\"}");
                assertEquals(400, refused.status(), refused.body());
                assertEquals("invalid_mailbox_name", refused.error());
                assertTrue(refused.string("message").contains("reserved"), refused.body());
            }
            assertEquals(201, server.post("/v1/inboxes", key, "{\"mailboxName\":\"sales-team\"}").status());
        }
    }

    @Test
    void aReservedMailboxNameThatIsNoMailboxNameStopsTheStartWithAClearMessage() {
        Map<String, Object> properties = Map.of("openmail.reserved-mailbox-names", "billing,it");

        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> RunningServer.start(TestDatabase.h2(), properties).close());
        assertTrue(rootMessages(failure).contains("OPENMAIL_RESERVED_MAILBOX_NAMES lists 'it'"), rootMessages(failure));
    }

    @Test
    void anEventRetentionOfZeroStopsTheStartWithAClearMessage() {
        Map<String, Object> properties = Map.of("openmail.events.retention", "0s");

        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> RunningServer.start(TestDatabase.h2(), properties).close());
        assertTrue(rootMessages(failure).contains("OPENMAIL_EVENT_RETENTION must be a positive duration"),
                rootMessages(failure));
    }

    @Test
    void withoutAnAdminTokenTheOperatorApiDoesNotExist() {
        try (RunningServer server = RunningServer.start(TestDatabase.h2(), Map.of())) {
            for (String token : new String[]{null, "anything", RunningServer.ADMIN_TOKEN}) {
                Reply list = server.get("/admin/v1/accounts", token);
                assertEquals(404, list.status());
                assertEquals("not_found", list.error());
                assertEquals(404, server.post("/admin/v1/accounts", token, "{}").status());
            }
        }
    }

    private static String rootMessages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private record Started(RunningServer server, String output) {
    }

    /** Starts a server while capturing what it prints, runs checks against it, stops it; returns the printed text. */
    private static String captureStdout(Supplier<RunningServer> start, java.util.function.Consumer<Started> checks) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        RunningServer server;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            server = start.get();
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        try (server) {
            checks.accept(new Started(server, output));
        }
        return output;
    }
}
