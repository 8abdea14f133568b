package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.McpTestClient;
import dev.openmail.bootstrap.support.McpTestClient.Result;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.ServerProcess;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two server processes on one database answer MCP as one: a wait on one hears mail the other received, and a cursor
 * one of them handed out resumes on the other, missing nothing and repeating nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpProcessesSystemTest {

    private RunningServer here;
    private ServerProcess child;
    private int childHttpPort;

    @BeforeAll
    void startTwoProcesses() throws Exception {
        TestDatabase database = TestDatabase.mysql();
        here = RunningServer.start(database, Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.default-domain", RunningServer.DEFAULT_DOMAIN, "openmail.outbox.enabled", "false"));
        Path workDir = Files.createTempDirectory("openmail-mcp-child");
        childHttpPort = RunningServer.freePort();
        Map<String, String> env = ServerProcess.besideTestServer(database, childHttpPort, RunningServer.freePort());
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
    void aWaitOnOneProcessHearsMailTheOtherReceivedAndCursorsServeBoth() throws Exception {
        Account account = here.openAccount();
        Map<String, Object> inbox = here.post("/v1/inboxes", account.token(), "{}").object();
        String inboxId = (String) inbox.get("id");
        String address = (String) inbox.get("address");
        try (McpTestClient onHere = McpTestClient.connect(here, account.token());
             McpTestClient onChild = McpTestClient.connect(URI.create("http://localhost:" + childHttpPort + "/"),
                     account.token(), here.context().getBean(JsonMapper.class))) {
            smtp(address, "First");
            Result first = ok(onHere.call("wait_for_new_mail", Map.of("inbox_id", inboxId, "timeout_seconds", 1)));
            assertEquals(List.of(), first.list("messages"), "a wait from now hears nothing that came before");

            CompletableFuture<Result> waiting = CompletableFuture.supplyAsync(() -> onChild.call("wait_for_new_mail",
                    Map.of("inbox_id", inboxId, "since", first.string("cursor"), "timeout_seconds", 60)));
            smtp(address, "Second");
            Result second = ok(waiting.get(60, TimeUnit.SECONDS));
            assertEquals(List.of("Second"), subjects(second));

            Result after = ok(onHere.call("wait_for_new_mail", Map.of("inbox_id", inboxId,
                    "since", second.string("cursor"), "timeout_seconds", 1)));
            assertEquals(List.of(), subjects(after), "the other process hands on nothing twice");
        }
    }

    private void smtp(String to, String subject) throws Exception {
        byte[] message = ("From: alice@sender.example\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + System.nanoTime() + "@sender.example>\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (UsageSystemTest.Smtp smtp = new UsageSystemTest.Smtp(here.smtpPort())) {
            String reply = smtp.send(List.of(to), message);
            assertTrue(reply.startsWith("250"), reply);
        }
    }

    private static List<String> subjects(Result result) {
        return result.list("messages").stream()
                .map(event -> (String) ((Map<?, ?>) event.get("message")).get("subject")).toList();
    }

    private static Result ok(Result result) {
        assertFalse(result.isError(), result.text());
        return result;
    }
}
