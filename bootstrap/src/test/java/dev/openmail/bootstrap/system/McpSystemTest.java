package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.adapters.rest.mcp.MailWaits;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.McpTestClient;
import dev.openmail.bootstrap.support.McpTestClient.Result;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.domain.port.in.ReceiveMail;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MCP server at {@code /mcp}, driven by the MCP SDK's own client as an agent drives it: initialize, the tools each
 * kind of key sees, every tool called once, errors as tool errors with the API's codes, and mail arriving over SMTP
 * while a {@code wait_for_new_mail} call is open.
 */
class McpSystemTest {

    private static final List<String> ACCOUNT_TOOLS = List.of("list_inboxes", "create_inbox", "list_threads",
            "read_thread", "send_message", "reply_to_thread", "mark_read", "read_attachment_text", "search_mail",
            "wait_for_new_mail");
    private static final List<String> INBOX_TOOLS = List.of("get_inbox", "list_threads", "read_thread",
            "send_message", "reply_to_thread", "mark_read", "read_attachment_text", "search_mail", "wait_for_new_mail");

    private static RunningServer server;
    private static Account a;
    private static Account b;
    private static String podP;
    private static String inboxI;
    private static String inboxJ;
    private static String addressOfI;
    private static String addressOfJ;
    private static String podKey;
    private static String inboxKey;

    @BeforeAll
    static void start() {
        server = RunningServer.start(TestDatabase.h2(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.outbox.enabled", "false", "openmail.mcp.wait-poll-interval", "50ms"));
        a = server.openAccount();
        b = server.openAccount();
        podP = created(server.post("/v1/pods", a.token(), "{}")).string("id");
        inboxI = created(server.post("/v1/inboxes", a.token(), "{\"podId\":\"" + podP + "\"}")).string("id");
        inboxJ = created(server.post("/v1/inboxes", a.token(), "{\"podId\":\"" + podP + "\"}")).string("id");
        addressOfI = server.get("/v1/inboxes/" + inboxI, a.token()).string("address");
        addressOfJ = server.get("/v1/inboxes/" + inboxJ, a.token()).string("address");
        podKey = created(server.post("/v1/pods/" + podP + "/api-keys", a.token(), "{}")).string("token");
        inboxKey = created(server.post("/v1/inboxes/" + inboxI + "/api-keys", a.token(), "{}")).string("token");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eachKindOfKeySeesItsOwnToolsWithSchemasAModelCanFollow() {
        try (McpTestClient account = McpTestClient.connect(server, a.token());
             McpTestClient pod = McpTestClient.connect(server, podKey);
             McpTestClient inbox = McpTestClient.connect(server, inboxKey)) {
            assertEquals("openmail", account.initialization().serverInfo().name());
            assertNotNull(account.initialization().capabilities().tools());
            assertEquals(ACCOUNT_TOOLS, names(account.tools()));
            assertEquals(ACCOUNT_TOOLS, names(pod.tools()));
            assertEquals(INBOX_TOOLS, names(inbox.tools()));

            McpSchema.Tool send = tool(account.tools(), "send_message");
            assertEquals(List.of("inbox_id", "to", "subject", "text"), send.inputSchema().get("required"));
            assertEquals(false, send.inputSchema().get("additionalProperties"));
            assertFalse(((List<?>) tool(inbox.tools(), "send_message").inputSchema().get("required")).contains("inbox_id"),
                    "an inbox key sends from its own inbox without naming it");
            assertTrue(properties(tool(account.tools(), "create_inbox")).containsKey("pod_id"));
            assertFalse(properties(tool(pod.tools(), "create_inbox")).containsKey("pod_id"),
                    "a pod key creates in its own pod only");
            Map<?, ?> timeout = (Map<?, ?>) properties(tool(account.tools(), "wait_for_new_mail")).get("timeout_seconds");
            assertEquals(List.of(1, 120, 30), List.of(((Number) timeout.get("minimum")).intValue(),
                    ((Number) timeout.get("maximum")).intValue(), ((Number) timeout.get("default")).intValue()));
            assertTrue(tool(account.tools(), "read_thread").annotations().readOnlyHint());
            assertFalse(tool(account.tools(), "send_message").annotations().readOnlyHint());
        }
    }

    @Test
    void everyToolAnswersWithTheApisViews() {
        String thread = deliverTo(addressOfI, "Quarterly numbers");
        try (McpTestClient agent = McpTestClient.connect(server, a.token());
             McpTestClient inboxAgent = McpTestClient.connect(server, inboxKey)) {
            Result inboxes = ok(agent.call("list_inboxes", Map.of("limit", 100)));
            assertTrue(inboxes.list("data").stream().anyMatch(inbox -> inboxI.equals(inbox.get("id"))), inboxes.text());

            Result createdInbox = ok(agent.call("create_inbox", Map.of("pod_id", podP, "display_name", "Agent")));
            assertTrue(createdInbox.string("id").startsWith("inb_"), createdInbox.text());
            assertEquals(podP, createdInbox.string("podId"));

            assertEquals(inboxI, ok(inboxAgent.call("get_inbox", Map.of())).string("id"));

            Result unread = ok(agent.call("list_threads", Map.of("inbox_id", inboxI, "unread_only", true)));
            assertTrue(unread.list("data").stream().anyMatch(t -> thread.equals(t.get("id"))), unread.text());

            assertTrue(Eventually.holds(() -> attachmentRead(thread), Duration.ofSeconds(60)), "the attachment is read");
            Result read = ok(agent.call("read_thread", Map.of("thread_id", thread)));
            Map<String, Object> message = read.list("data").get(0);
            assertEquals("Quarterly numbers", message.get("subject"));
            assertTrue(((String) message.get("bodyText")).contains("hello"), read.text());
            @SuppressWarnings("unchecked")
            Map<String, Object> attachment = ((List<Map<String, Object>>) message.get("attachments")).get(0);
            assertEquals("notes.txt", attachment.get("filename"));
            assertEquals("notes", ((String) attachment.get("parsedText")).strip(), read.text());

            Result text = ok(agent.call("read_attachment_text",
                    Map.of("message_id", message.get("id"), "filename", "notes.txt")));
            assertEquals("notes", text.string("text").strip());

            Result found = ok(agent.call("search_mail", Map.of("query", "\"quarterly numbers\" has:attachment")));
            assertEquals(List.of(message.get("id")), found.list("data").stream().map(m -> m.get("id")).toList(),
                    found.text());
            Result inInbox = ok(inboxAgent.call("search_mail", Map.of("query", "quarterly")));
            assertTrue(inInbox.list("data").stream().anyMatch(m -> message.get("id").equals(m.get("id"))),
                    inInbox.text());
            assertError(agent.call("search_mail", Map.of("query", "the")), "invalid_search_query");
            assertError(inboxAgent.call("search_mail", Map.of("query", "quarterly", "inbox_id", inboxJ)), "forbidden");

            Result marked = ok(agent.call("mark_read", Map.of("thread_id", thread)));
            assertEquals(Boolean.TRUE, marked.json().get("isRead"));
            Result stillUnread = ok(agent.call("list_threads", Map.of("inbox_id", inboxI, "unread_only", true)));
            assertTrue(stillUnread.list("data").stream().noneMatch(t -> thread.equals(t.get("id"))), stillUnread.text());

            Map<String, Object> mail = Map.of("inbox_id", inboxI, "to", addressOfJ, "subject", "From the agent",
                    "text", "Hello J");
            Result sent = ok(agent.call("send_message", mail));
            assertTrue(sent.string("messageId").startsWith("msg_"), sent.text());
            assertEquals(sent.string("messageId"), ok(agent.call("send_message", mail)).string("messageId"),
                    "a retried call sends nothing twice");
            Map<String, Object> again = new java.util.HashMap<>(mail);
            again.put("idempotency_key", "second-on-purpose");
            again.put("html", "<p>" + "x".repeat(300_000) + "</p>"); // past the 64 KiB of routes without a limit of their own
            assertFalse(sent.string("messageId").equals(ok(agent.call("send_message", again)).string("messageId")),
                    "its own idempotency key sends the same message again");
            assertEquals(2, server.get("/v1/inboxes/" + inboxJ + "/messages", a.token()).total());

            Result reply = ok(agent.call("reply_to_thread", Map.of("thread_id", thread, "text", "Thanks!")));
            assertEquals(thread, reply.string("threadId"));
            Reply messages = server.get("/v1/threads/" + thread + "/messages", a.token());
            Map<String, Object> replied = messages.data().get(messages.data().size() - 1);
            assertEquals("sender@example.org", replied.get("toAddr"), messages.body());
            assertEquals("outbound", replied.get("direction"));

            Result quiet = ok(agent.call("wait_for_new_mail", Map.of("inbox_id", inboxJ, "timeout_seconds", 1)));
            assertEquals(List.of(), quiet.list("messages"));
            assertEquals(Boolean.TRUE, quiet.json().get("timedOut"));
            assertTrue(quiet.string("cursor").startsWith("evt_"), quiet.text());
        }
    }

    @Test
    void failuresAreToolErrorsWithTheApisCodes() {
        String thread = deliverTo(addressOfI, "Private");
        try (McpTestClient inboxAgent = McpTestClient.connect(server, inboxKey);
             McpTestClient other = McpTestClient.connect(server, b.token());
             McpTestClient agent = McpTestClient.connect(server, a.token())) {
            Result forbidden = inboxAgent.call("list_threads", Map.of("inbox_id", inboxJ));
            assertError(forbidden, "forbidden");
            assertTrue(forbidden.string("message").contains("inbox " + inboxI), forbidden.text());
            assertFalse(forbidden.string("message").contains(inboxJ), "a refusal names no id beyond the key's boundary");

            assertError(other.call("read_thread", Map.of("thread_id", thread)), "not_found");
            assertError(other.call("wait_for_new_mail", Map.of("inbox_id", inboxI, "timeout_seconds", 1)), "not_found");

            assertError(agent.call("list_threads", Map.of("inbox_id", inboxI, "limit", 1000)), "bad_request");
            assertError(agent.call("list_threads", Map.of("inbox_id", inboxI, "unread", true)), "bad_request");
            assertError(agent.call("list_threads", Map.of()), "bad_request");
            assertError(agent.call("send_message", Map.of("inbox_id", inboxI, "to", "not an address", "subject", "x",
                    "text", "y")), "bad_request");
            assertError(agent.call("wait_for_new_mail", Map.of("since", "evt_unknown", "timeout_seconds", 1)),
                    "bad_request");
            Result wrongType = agent.call("mark_read", Map.of("thread_id", thread, "read", "yes"));
            assertError(wrongType, "bad_request");
            assertTrue(wrongType.string("message").contains("'read'"), wrongType.text());
        }
    }

    @Test
    void httpRefusesRequestsWithoutAValidKeyAndWhatTheTransportDoesNotOffer() {
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        Reply noKey = server.send(post(initialize));
        assertEquals(401, noKey.status(), noKey.body());
        assertEquals("unauthorized", noKey.error());
        Reply badKey = server.send(RunningServer.authorized(post(initialize), "om_not_a_key_xxxxxxxxxxxxxxxxxxx"));
        assertEquals(401, badKey.status(), badKey.body());

        Reply good = server.send(RunningServer.authorized(post(initialize), a.token()));
        assertEquals(200, good.status(), good.body());
        assertTrue(good.headers().get("content-type").get(0).startsWith("application/json"));
        assertEquals("2025-06-18", good.string("result.protocolVersion"));

        Reply notification = server.send(RunningServer.authorized(
                post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), a.token()));
        assertEquals(202, notification.status(), notification.body());

        Reply stream = server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri("/mcp"))
                .header("Accept", "text/event-stream").GET(), a.token()));
        assertEquals(405, stream.status(), stream.body());
        assertEquals("method_not_allowed", stream.error());
        Reply foreignPage = server.send(RunningServer.authorized(post(initialize), a.token())
                .header("Origin", "https://evil.example"));
        assertEquals(403, foreignPage.status(), foreignPage.body());
        Reply garbage = server.send(RunningServer.authorized(post("{\"not\":\"json-rpc\""), a.token()));
        assertEquals(400, garbage.status(), garbage.body());
        Reply tooLarge = server.send(RunningServer.authorized(post("{\"pad\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}"),
                a.token()));
        assertEquals(413, tooLarge.status());
        Reply oldVersion = server.send(RunningServer.authorized(post(initialize), a.token())
                .header("MCP-Protocol-Version", "1999-01-01"));
        assertEquals(400, oldVersion.status(), oldVersion.body());
    }

    @Test
    void aWaitThatIsOpenWhenMailArrivesOverSmtpReturnsIt() throws Exception {
        MailWaits waits = server.context().getBean(MailWaits.class);
        // An inbox of its own: mail the other tests send to inbox I may have its event recorded late (held for its
        // attachment's text), and a wait on I would rightly hand that over first.
        String inbox = created(server.post("/v1/inboxes", a.token(), "{\"podId\":\"" + podP + "\"}")).string("id");
        String address = server.get("/v1/inboxes/" + inbox, a.token()).string("address");
        String key = created(server.post("/v1/inboxes/" + inbox + "/api-keys", a.token(), "{}")).string("token");
        try (McpTestClient agent = McpTestClient.connect(server, key)) {
            CompletableFuture<Result> waiting = CompletableFuture.supplyAsync(
                    () -> agent.call("wait_for_new_mail", Map.of("timeout_seconds", 60)));
            assertTrue(Eventually.holds(() -> waits.openFor(a.id()) == 1, Duration.ofSeconds(10)),
                    "the wait is open");

            smtp(address, "Arrived while waiting");
            Result arrived = ok(waiting.get(30, TimeUnit.SECONDS));
            assertEquals(1, arrived.list("messages").size(), arrived.text());
            Map<String, Object> event = arrived.list("messages").get(0);
            assertEquals("message.received", event.get("event"));
            assertEquals(inbox, event.get("inbox_id"));
            assertEquals("Arrived while waiting", ((Map<?, ?>) event.get("message")).get("subject"));
            assertEquals(0, waits.openFor(a.id()));

            // Mail that comes between two waits is handed to the next one that resumes from the cursor.
            smtp(address, "Arrived between waits");
            Result next = ok(agent.call("wait_for_new_mail", Map.of("since", arrived.string("cursor"),
                    "timeout_seconds", 30)));
            assertEquals(List.of("Arrived between waits"), next.list("messages").stream()
                    .map(e -> ((Map<?, ?>) e.get("message")).get("subject")).toList());
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean attachmentRead(String thread) {
        Map<String, Object> message = server.get("/v1/threads/" + thread + "/messages", a.token()).data().get(0);
        return ((List<Map<String, Object>>) message.get("attachments")).get(0).get("extractionMethod") != null;
    }

    private static void smtp(String to, String subject) throws Exception {
        byte[] message = ("From: alice@sender.example\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + System.nanoTime() + "@sender.example>\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (UsageSystemTest.Smtp smtp = new UsageSystemTest.Smtp(server.smtpPort())) {
            String reply = smtp.send(List.of(to), message);
            assertTrue(reply.startsWith("250"), reply);
        }
    }

    /** A message with an attachment, handed to the server as its SMTP listener would; its thread's id. */
    private static String deliverTo(String address, String subject) {
        String raw = "From: sender@example.org\r\nTo: " + address + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + System.nanoTime() + "@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b"
                + "\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\nnotes\r\n"
                + "--b--\r\n";
        assertEquals(1, server.context().getBean(ReceiveMail.class).receive(new ReceiveMail.Command(
                raw.getBytes(StandardCharsets.US_ASCII), "sender@example.org", List.of(address))).taken());
        return server.get("/v1/inboxes/" + inboxI + "/threads?limit=100", a.token()).data().stream()
                .filter(thread -> subject.equals(thread.get("subject"))).map(thread -> (String) thread.get("id"))
                .findFirst().orElseThrow();
    }

    private static HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(server.uri("/mcp")).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private static Result ok(Result result) {
        assertFalse(result.isError(), result.text());
        return result;
    }

    private static void assertError(Result result, String code) {
        assertTrue(result.isError(), result.text());
        assertEquals(code, result.string("error"), result.text());
        assertFalse(result.string("message").isBlank());
    }

    private static List<String> names(List<McpSchema.Tool> tools) {
        return tools.stream().map(McpSchema.Tool::name).toList();
    }

    private static Map<?, ?> properties(McpSchema.Tool tool) {
        return (Map<?, ?>) tool.inputSchema().get("properties");
    }

    private static McpSchema.Tool tool(List<McpSchema.Tool> tools, String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst().orElseThrow();
    }

    private static Reply created(Reply reply) {
        assertEquals(201, reply.status(), reply.body());
        return reply;
    }
}
