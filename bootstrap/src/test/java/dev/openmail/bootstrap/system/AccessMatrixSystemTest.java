package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.McpTestClient;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.bootstrap.support.WsClient;
import dev.openmail.domain.port.in.ReceiveMail;
import io.micronaut.web.router.Router;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of the server against every kind of caller, each cell with the status it must answer. The rows are
 * checked against the server's own route list: an endpoint added without a row here fails
 * {@link #everyRouteOfTheServerHasARowAndEveryRowARoute()}, so no endpoint escapes the access rules unexamined.
 *
 * <p>Account A holds pod P (the "own" pod, with inbox I, the "own" inbox, and a second inbox J) and pod Q (with inbox
 * R). The callers are A's account-wide key, a key of P, a key of Q, a key of I, a key of J, account B's key, a revoked
 * key of I, and no key at all. Each request targets P, I, or something A made in P for this very cell.
 */
class AccessMatrixSystemTest {

    /** The kinds of caller, in the column order of the matrix. */
    enum Who { ACCOUNT, OWN_POD, OTHER_POD, OWN_INBOX, OTHER_INBOX, OTHER_ACCOUNT, REVOKED, NO_KEY }

    private static final RunningServer server = RunningServer.shared();
    /** What {@code GET /v1/ws} without {@code Upgrade: websocket} gets. */
    private static final int WS_PLAIN_GET = 400;

    private static Account a;
    private static Account b;
    private static String podP;
    private static String podQ;
    private static String inboxI;
    private static String inboxJ;
    private static String inboxR;
    private static String domainOfA;
    private static String messageOfI;
    private static String addressOfI;
    private static String threadOfI;
    /** A webhook the installed server refuses to post to (a private address), so that no test leaves the machine. */
    private static final String PRIVATE_HOOK = "http://10.0.0.1/hook";
    private static final Map<Who, String> tokens = new LinkedHashMap<>();
    private static final String MCP_INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"matrix\",\"version\":\"1\"}}}";
    /** What an MCP tool call answers: its result, a tool error with the API's code, or no such tool for the key. */
    private static final String OK = "ok";
    private static final String ABSENT = "absent";
    private static final Map<String, Row> rows = new LinkedHashMap<>();

    /** One endpoint: how to make a request for a caller, and the status each caller must get. */
    private record Row(String method, String route, Supplier<Target> target, int... expected) {
    }

    /** A concrete request: its path and, for methods with a body, the JSON body. */
    private record Target(String path, String body) {
    }

    @BeforeAll
    static void buildTheAccountsAndKeys() {
        a = server.openAccount();
        b = server.openAccount();
        podP = created(server.post("/v1/pods", a.token(), "{\"clientId\":\"tenant-p\"}")).string("id");
        podQ = created(server.post("/v1/pods", a.token(), "{\"clientId\":\"tenant-q\"}")).string("id");
        inboxI = inboxIn(podP);
        inboxJ = inboxIn(podP);
        inboxR = inboxIn(podQ);
        domainOfA = created(server.post("/v1/domains", a.token(), "{\"domain\":\"" + uniqueDomain() + "\"}")).string("id");

        addressOfI = server.get("/v1/inboxes/" + inboxI, a.token()).string("address");
        deliverTo(inboxI);
        Map<String, Object> message = server.get("/v1/inboxes/" + inboxI + "/messages", a.token()).data().get(0);
        messageOfI = (String) message.get("id");
        threadOfI = (String) message.get("threadId");
        Reply hooked = server.patch("/v1/inboxes/" + inboxI, a.token(), "{\"webhookUrl\":\"" + PRIVATE_HOOK + "\"}");
        assertEquals(200, hooked.status(), hooked.body());

        tokens.put(Who.ACCOUNT, a.token());
        tokens.put(Who.OWN_POD, keyOf("/v1/pods/" + podP));
        tokens.put(Who.OTHER_POD, keyOf("/v1/pods/" + podQ));
        tokens.put(Who.OWN_INBOX, keyOf("/v1/inboxes/" + inboxI));
        tokens.put(Who.OTHER_INBOX, keyOf("/v1/inboxes/" + inboxJ));
        tokens.put(Who.OTHER_ACCOUNT, b.token());
        Reply revoked = created(server.post("/v1/inboxes/" + inboxI + "/api-keys", a.token(), "{}"));
        assertEquals(204, server.delete("/v1/inboxes/" + inboxI + "/api-keys/" + revoked.string("id"), a.token()).status());
        tokens.put(Who.REVOKED, revoked.string("token"));
        tokens.put(Who.NO_KEY, null);

        // Columns: ACCOUNT, OWN_POD, OTHER_POD, OWN_INBOX, OTHER_INBOX, OTHER_ACCOUNT, REVOKED, NO_KEY
        row("POST", "/v1/pods", () -> new Target("/v1/pods", "{}"),
                201, 403, 403, 403, 403, 201, 401, 401);
        row("GET", "/v1/pods", () -> new Target("/v1/pods", null),
                200, 200, 200, 403, 403, 200, 401, 401);
        row("GET", "/v1/pods/{id}", () -> new Target("/v1/pods/" + podP, null),
                200, 200, 403, 403, 403, 404, 401, 401);
        row("PATCH", "/v1/pods/{id}", () -> new Target("/v1/pods/" + podP, "{\"name\":\"Tenant P\"}"),
                200, 403, 403, 403, 403, 404, 401, 401);
        row("DELETE", "/v1/pods/{id}", () -> new Target("/v1/pods/" + freshPod(), null),
                204, 403, 403, 403, 403, 404, 401, 401);
        row("POST", "/v1/pods/{id}/api-keys", () -> new Target("/v1/pods/" + podP + "/api-keys", "{}"),
                201, 403, 403, 403, 403, 404, 401, 401);
        row("GET", "/v1/pods/{id}/api-keys", () -> new Target("/v1/pods/" + podP + "/api-keys", null),
                200, 403, 403, 403, 403, 404, 401, 401);
        row("DELETE", "/v1/pods/{id}/api-keys/{keyId}",
                () -> new Target("/v1/pods/" + podP + "/api-keys/" + freshKeyId("/v1/pods/" + podP + "/api-keys"), null),
                204, 403, 403, 403, 403, 404, 401, 401);
        // Another account naming P in a body is a bad request about the body (invalid_pod), not a missing resource.
        row("POST", "/v1/inboxes", () -> new Target("/v1/inboxes", "{\"podId\":\"" + podP + "\"}"),
                201, 201, 403, 403, 403, 400, 401, 401);
        row("GET", "/v1/inboxes", () -> new Target("/v1/inboxes", null),
                200, 200, 200, 200, 200, 200, 401, 401);
        row("GET", "/v1/inboxes/{id}", () -> new Target("/v1/inboxes/" + inboxI, null),
                200, 200, 403, 200, 403, 404, 401, 401);
        row("PATCH", "/v1/inboxes/{id}", () -> new Target("/v1/inboxes/" + inboxI, "{\"displayName\":\"Agent\"}"),
                200, 200, 403, 403, 403, 404, 401, 401);
        row("DELETE", "/v1/inboxes/{id}", () -> new Target("/v1/inboxes/" + inboxIn(podP), null),
                204, 403, 403, 403, 403, 404, 401, 401);
        row("POST", "/v1/inboxes/{id}/api-keys", () -> new Target("/v1/inboxes/" + inboxI + "/api-keys", "{}"),
                201, 403, 403, 403, 403, 404, 401, 401);
        row("GET", "/v1/inboxes/{id}/api-keys", () -> new Target("/v1/inboxes/" + inboxI + "/api-keys", null),
                200, 403, 403, 403, 403, 404, 401, 401);
        row("DELETE", "/v1/inboxes/{id}/api-keys/{keyId}",
                () -> new Target("/v1/inboxes/" + inboxI + "/api-keys/" + freshKeyId("/v1/inboxes/" + inboxI + "/api-keys"), null),
                204, 403, 403, 403, 403, 404, 401, 401);
        row("POST", "/v1/domains", () -> new Target("/v1/domains", "{\"domain\":\"" + uniqueDomain() + "\"}"),
                201, 403, 403, 403, 403, 201, 401, 401);
        row("GET", "/v1/domains", () -> new Target("/v1/domains", null),
                200, 403, 403, 403, 403, 200, 401, 401);
        row("GET", "/v1/domains/{id}", () -> new Target("/v1/domains/" + domainOfA, null),
                200, 403, 403, 403, 403, 404, 401, 401);
        row("PATCH", "/v1/domains/{id}", () -> new Target("/v1/domains/" + domainOfA, "{\"podId\":null}"),
                200, 403, 403, 403, 403, 404, 401, 401);
        row("DELETE", "/v1/domains/{id}", () -> new Target("/v1/domains/" + freshDomain(), null),
                204, 403, 403, 403, 403, 404, 401, 401);
        row("POST", "/v1/domains/{id}/verify", () -> new Target("/v1/domains/" + domainOfA + "/verify", "{}"),
                200, 403, 403, 403, 403, 404, 401, 401);
        row("POST", "/v1/api-keys", () -> new Target("/v1/api-keys", "{}"),
                201, 403, 403, 403, 403, 201, 401, 401);
        row("GET", "/v1/api-keys", () -> new Target("/v1/api-keys", null),
                200, 403, 403, 403, 403, 200, 401, 401);
        row("DELETE", "/v1/api-keys/{keyId}", () -> new Target("/v1/api-keys/" + freshKeyId("/v1/api-keys"), null),
                204, 403, 403, 403, 403, 404, 401, 401);
        row("GET", "/v1/inboxes/{id}/messages", () -> new Target("/v1/inboxes/" + inboxI + "/messages", null),
                200, 200, 403, 200, 403, 404, 401, 401);
        // Search: every key searches what it reaches (SearchSystemTest shows which messages each finds).
        row("GET", "/v1/search", () -> new Target("/v1/search?q=from:%40", null),
                200, 200, 200, 200, 200, 200, 401, 401);
        row("GET", "/v1/inboxes/{id}/threads", () -> new Target("/v1/inboxes/" + inboxI + "/threads", null),
                200, 200, 403, 200, 403, 404, 401, 401);
        row("GET", "/v1/threads/{id}/messages", () -> new Target("/v1/threads/" + threadOfI + "/messages", null),
                200, 200, 403, 200, 403, 404, 401, 401);
        row("PATCH", "/v1/threads/{id}", () -> new Target("/v1/threads/" + threadOfI, "{\"is_read\":true}"),
                200, 200, 403, 200, 403, 404, 401, 401);
        row("GET", "/v1/attachments/{messageId}/{filename}",
                () -> new Target("/v1/attachments/" + messageOfI + "/notes.txt", null),
                200, 200, 403, 200, 403, 404, 401, 401);
        row("GET", "/v1/attachments/{messageId}/{filename}/text",
                () -> new Target("/v1/attachments/" + messageOfI + "/notes.txt/text", null),
                200, 200, 403, 200, 403, 404, 401, 401);
        row("POST", "/v1/inboxes/{id}/send", () -> new Target("/v1/inboxes/" + inboxI + "/send",
                        "{\"to\":\"" + addressOfI + "\",\"subject\":\"matrix\",\"body\":\"hello\"}"),
                200, 200, 403, 200, 403, 404, 401, 401);
        row("GET", "/v1/messages/{id}/raw", () -> new Target("/v1/messages/" + messageOfI + "/raw", null),
                200, 200, 403, 200, 403, 404, 401, 401);
        // The operator API takes the admin token only: every API key, valid or not, is refused there.
        // Webhooks. Inbox I's webhook points into a private network, which the installed server refuses to post to:
        // a test that may be made answers 502 webhook_failed without a connection. Only an account-wide key changes
        // webhooks; a pod key may test and read the deliveries of its pod's inboxes.
        row("POST", "/v1/inboxes/{id}/webhook/rotate-secret",
                () -> new Target("/v1/inboxes/" + inboxI + "/webhook/rotate-secret", null),
                200, 403, 403, 403, 403, 404, 401, 401);
        row("POST", "/v1/inboxes/{id}/webhook/test", () -> new Target("/v1/inboxes/" + inboxI + "/webhook/test", null),
                502, 502, 403, 403, 403, 404, 401, 401);
        row("GET", "/v1/inboxes/{id}/webhook/deliveries",
                () -> new Target("/v1/inboxes/" + inboxI + "/webhook/deliveries", null),
                200, 200, 403, 403, 403, 404, 401, 401);
        // The account's webhook is each account's own: another account reaches its own, never A's.
        row("GET", "/v1/webhook", () -> new Target("/v1/webhook", null),
                200, 403, 403, 403, 403, 200, 401, 401);
        row("PUT", "/v1/webhook", () -> new Target("/v1/webhook", "{\"webhookUrl\":\"" + PRIVATE_HOOK + "\"}"),
                200, 403, 403, 403, 403, 200, 401, 401);
        row("DELETE", "/v1/webhook", () -> new Target("/v1/webhook", null),
                204, 403, 403, 403, 403, 204, 401, 401);
        row("POST", "/v1/webhook/rotate-secret", () -> withAccountWebhooks("/v1/webhook/rotate-secret"),
                200, 403, 403, 403, 403, 200, 401, 401);
        row("POST", "/v1/webhook/test", () -> withAccountWebhooks("/v1/webhook/test"),
                502, 403, 403, 403, 403, 502, 401, 401);
        row("GET", "/v1/webhook/deliveries", () -> new Target("/v1/webhook/deliveries", null),
                200, 403, 403, 403, 403, 200, 401, 401);
        // Sender rules: an account-wide key manages every level, a pod key its own pod's, an inbox key none.
        row("GET", "/v1/sender-rules", () -> new Target("/v1/sender-rules?podId=" + podP, null),
                200, 200, 403, 403, 403, 404, 401, 401);
        row("POST", "/v1/sender-rules", () -> new Target("/v1/sender-rules", "{\"type\":\"block\",\"value\":\""
                + uniqueDomain() + "\",\"podId\":\"" + podP + "\"}"),
                201, 201, 403, 403, 403, 404, 401, 401);
        row("DELETE", "/v1/sender-rules/{id}", () -> new Target("/v1/sender-rules/" + freshSenderRule(), null),
                204, 204, 403, 403, 403, 404, 401, 401);
        row("GET", "/v1/sender-rules/mode", () -> new Target("/v1/sender-rules/mode?podId=" + podP, null),
                200, 200, 403, 403, 403, 404, 401, 401);
        row("PUT", "/v1/sender-rules/mode", () -> new Target("/v1/sender-rules/mode?podId=" + podP,
                        "{\"filterMode\":\"none\"}"),
                200, 200, 403, 403, 403, 404, 401, 401);
        // Suppressions: every key reads (a scoped one its pod's and the account's own); an account-wide key manages.
        row("GET", "/v1/suppressions", () -> new Target("/v1/suppressions", null),
                200, 200, 200, 200, 200, 200, 401, 401);
        row("POST", "/v1/suppressions", () -> new Target("/v1/suppressions", "{\"address\":\"someone@"
                + uniqueDomain() + "\",\"type\":\"unsub\"}"),
                201, 403, 403, 403, 403, 201, 401, 401);
        row("DELETE", "/v1/suppressions/{address}", () -> new Target("/v1/suppressions/" + freshSuppression(), null),
                204, 403, 403, 403, 403, 404, 401, 401);
        // One-click unsubscribe: no key; the sealed token alone decides, so a token not made here is not found.
        row("GET", "/unsubscribe/{token}", () -> new Target("/unsubscribe/bm90LWEtdG9rZW4", null),
                404, 404, 404, 404, 404, 404, 404, 404);
        row("POST", "/unsubscribe/{token}", () -> new Target("/unsubscribe/bm90LWEtdG9rZW4", ""),
                404, 404, 404, 404, 404, 404, 404, 404);
        // Usage: every key sees the inboxes it may read (UsageSystemTest shows which); only an account-wide key the totals.
        row("GET", "/v1/usage", () -> new Target("/v1/usage", null),
                200, 200, 200, 200, 200, 200, 401, 401);
        row("POST", "/admin/v1/accounts", () -> new Target("/admin/v1/accounts", "{}"),
                401, 401, 401, 401, 401, 401, 401, 401);
        row("GET", "/admin/v1/accounts", () -> new Target("/admin/v1/accounts", null),
                401, 401, 401, 401, 401, 401, 401, 401);
        row("PATCH", "/admin/v1/accounts/{id}", () -> new Target("/admin/v1/accounts/" + a.id(), "{}"),
                401, 401, 401, 401, 401, 401, 401, 401);
        row("GET", "/admin/v1/accounts/{id}/send-limits",
                () -> new Target("/admin/v1/accounts/" + a.id() + "/send-limits", null),
                401, 401, 401, 401, 401, 401, 401, 401);
        row("PUT", "/admin/v1/accounts/{id}/send-limits",
                () -> new Target("/admin/v1/accounts/" + a.id() + "/send-limits", "{}"),
                401, 401, 401, 401, 401, 401, 401, 401);
        // The console takes no API key: without a console session its pages send the browser to sign in (303), and a
        // sign-in without the form's CSRF token is refused (403), whatever bearer token comes along.
        for (String page : List.of("", "/pods", "/pods/{id}", "/domains", "/domains/{id}", "/inboxes/{id}",
                "/threads/{id}", "/webhook", "/sender-rules", "/suppressions")) {
            consoleRow("GET", "/console" + page, 303);
        }
        consoleRow("GET", "/console/usage", 303);
        consoleRow("GET", "/console/sign-in", 200);
        consoleRow("GET", "/console/{+path}", 404);
        consoleRow("POST", "/console/sign-in", 403);
        for (String action : List.of("/sign-out", "/pods", "/pods/{id}/rename", "/pods/{id}/delete", "/pods/{id}/inboxes",
                "/inboxes/{id}/delete", "/domains", "/domains/{id}/verify", "/domains/{id}/rescope", "/domains/{id}/delete",
                "/pods/{id}/keys", "/pods/{id}/keys/{keyId}/revoke", "/inboxes/{id}/keys", "/inboxes/{id}/keys/{keyId}/revoke",
                "/webhook", "/webhook/remove", "/webhook/rotate-secret", "/webhook/test", "/inboxes/{id}/webhook",
                "/inboxes/{id}/webhook/test", "/inboxes/{id}/webhook/rotate-secret", "/sender-rules",
                "/sender-rules/{id}/remove", "/sender-rules/mode", "/suppressions", "/suppressions/remove")) {
            consoleRow("POST", "/console" + action, 303);
        }
        // The event stream: a GET that asks for no upgrade is refused alike for everyone; what each key hears once
        // connected is theWebSocketSubscribeLetsEachKeyHearOnlyWhatItMayRead.
        row("GET", "/v1/ws", () -> new Target("/v1/ws", null),
                WS_PLAIN_GET, WS_PLAIN_GET, WS_PLAIN_GET, WS_PLAIN_GET, WS_PLAIN_GET, WS_PLAIN_GET, WS_PLAIN_GET,
                WS_PLAIN_GET);
        // The MCP server: every valid key may speak the protocol (what its tools may touch is
        // mcpToolsReachWhatEachKeyMayReach); it offers no stream to GET and no session to DELETE.
        row("POST", "/mcp", () -> new Target("/mcp", MCP_INITIALIZE),
                200, 200, 200, 200, 200, 200, 401, 401);
        row("GET", "/mcp", () -> new Target("/mcp", null),
                405, 405, 405, 405, 405, 405, 401, 401);
        row("DELETE", "/mcp", () -> new Target("/mcp", null),
                405, 405, 405, 405, 405, 405, 401, 401);
        // Public: health, the API description and the skill file need no key, and a key does not change them.
        row("GET", "/health", () -> new Target("/health", null),
                200, 200, 200, 200, 200, 200, 200, 200);
        row("GET", "/health/{selector}", () -> new Target("/health/liveness", null),
                200, 200, 200, 200, 200, 200, 200, 200);
        row("GET", "/openapi.json", () -> new Target("/openapi.json", null),
                200, 200, 200, 200, 200, 200, 200, 200);
        row("GET", "/skill.md", () -> new Target("/skill.md", null),
                200, 200, 200, 200, 200, 200, 200, 200);
    }

    /**
     * The framework answers HEAD wherever it answers GET; those rows are the GET rows, since HEAD must be let in or
     * kept out exactly as GET is.
     */
    @Test
    void everyRouteOfTheServerHasARowAndEveryRowARoute() {
        Set<String> served = servedRoutes();
        Set<String> inMatrix = new TreeSet<>(rows.keySet());
        inMatrix.addAll(headRows().keySet());

        Set<String> withoutRow = new TreeSet<>(served);
        withoutRow.removeAll(inMatrix);
        Set<String> withoutRoute = new TreeSet<>(inMatrix);
        withoutRoute.removeAll(served);
        assertTrue(withoutRow.isEmpty(), () -> "These endpoints have no row in the access matrix; add one stating what "
                + "each kind of key gets, and the access rule in the domain's AccessPolicy if it is new: " + withoutRow);
        assertTrue(withoutRoute.isEmpty(), () -> "These rows name no endpoint of the server: " + withoutRoute);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEachCallerAsTheMatrixSays() {
        List<DynamicTest> cells = new ArrayList<>();
        List<Row> all = new ArrayList<>(rows.values());
        all.addAll(headRows().values());
        for (Row row : all) {
            for (Who who : Who.values()) {
                int expected = row.expected()[who.ordinal()];
                cells.add(DynamicTest.dynamicTest(row.method() + " " + row.route() + " as " + who + " -> " + expected,
                        () -> assertCell(row, who, expected)));
            }
        }
        return cells.stream();
    }

    /**
     * {@code /v1/ws} for every kind of caller: subscribing to inbox I (pod P), to inbox R (pod Q), and to all inboxes,
     * then whether mail to I is heard. A key outside its reach gets an {@code error} naming no id; a revoked key or
     * none is closed with 4001.
     */
    @TestFactory
    Stream<DynamicTest> theWebSocketSubscribeLetsEachKeyHearOnlyWhatItMayRead() {
        // Columns as above; true: subscribed (or, last, heard the event), false: an error (or, last, heard nothing).
        Map<String, boolean[]> cases = new LinkedHashMap<>();
        cases.put("subscribe to own inbox I", new boolean[]{true, true, false, true, false, false});
        cases.put("subscribe to other pod's inbox R", new boolean[]{true, false, true, false, false, false});
        cases.put("subscribe to all, hear mail to I", new boolean[]{true, true, false, true, false, false});
        List<DynamicTest> cells = new ArrayList<>();
        for (Who who : Who.values()) {
            cells.add(DynamicTest.dynamicTest("/v1/ws as " + who, () -> {
                try (WsClient ws = WsClient.bearer(server.uri("/").getPort(), tokens.get(who))) {
                    if (who == Who.REVOKED || who == Who.NO_KEY) {
                        assertEquals("error", ws.next().get("type"));
                        assertEquals(4001, ws.closed().code());
                        return;
                    }
                    boolean[] own = cases.get("subscribe to own inbox I");
                    boolean[] other = cases.get("subscribe to other pod's inbox R");
                    assertSubscribe(ws, inboxI, own[who.ordinal()]);
                    unsubscribe(ws);
                    assertSubscribe(ws, inboxR, other[who.ordinal()]);
                    unsubscribe(ws);
                    assertEquals("subscribed", ws.ask("{\"type\":\"subscribe\"}").get("type"));
                    deliverTo(inboxI);
                    boolean hears = cases.get("subscribe to all, hear mail to I")[who.ordinal()];
                    if (hears) {
                        assertEquals(inboxI, ws.next().get("inbox_id"));
                    } else {
                        assertEquals("pong", ws.ask("{\"type\":\"ping\"}").get("type"), "nothing before the pong");
                    }
                }
            }));
        }
        return cells.stream();
    }

    /**
     * Unsubscribes and takes the answer. An event of an earlier cell's delivery to inbox I may still be on its way to
     * a connection subscribed to I, and come before the answer: such events are passed over.
     */
    private static void unsubscribe(WsClient ws) {
        Map<String, Object> reply = ws.ask("{\"type\":\"unsubscribe\"}");
        while (reply.containsKey("event_id")) {
            reply = ws.next();
        }
        assertEquals("unsubscribed", reply.get("type"), reply::toString);
    }

    /**
     * Every MCP tool for every kind of key that may speak MCP (a revoked key or none is refused over HTTP, above),
     * each call aimed at inbox I or what it holds: the same answers as the REST endpoint the tool stands for, as tool
     * errors with the API's codes; a tool the key's kind does not have is not listed and cannot be called.
     */
    @TestFactory
    Stream<DynamicTest> mcpToolsReachWhatEachKeyMayReach() {
        // Columns: ACCOUNT, OWN_POD, OTHER_POD, OWN_INBOX, OTHER_INBOX, OTHER_ACCOUNT
        Map<String, McpCell> cells = new LinkedHashMap<>();
        cells.put("list_inboxes", new McpCell(Map::of, OK, OK, OK, ABSENT, ABSENT, OK));
        cells.put("get_inbox", new McpCell(Map::of, ABSENT, ABSENT, ABSENT, OK, OK, ABSENT));
        cells.put("create_inbox", new McpCell(Map::of, OK, OK, OK, ABSENT, ABSENT, OK));
        cells.put("list_threads", new McpCell(() -> Map.of("inbox_id", inboxI),
                OK, OK, "forbidden", OK, "forbidden", "not_found"));
        cells.put("read_thread", new McpCell(() -> Map.of("thread_id", threadOfI),
                OK, OK, "forbidden", OK, "forbidden", "not_found"));
        cells.put("mark_read", new McpCell(() -> Map.of("thread_id", threadOfI),
                OK, OK, "forbidden", OK, "forbidden", "not_found"));
        cells.put("read_attachment_text", new McpCell(() -> Map.of("message_id", messageOfI, "filename", "notes.txt"),
                OK, OK, "forbidden", OK, "forbidden", "not_found"));
        cells.put("send_message", new McpCell(() -> Map.of("inbox_id", inboxI, "to", addressOfI, "subject", "matrix",
                "text", "hello", "idempotency_key", UUID.randomUUID().toString()),
                OK, OK, "forbidden", OK, "forbidden", "not_found"));
        cells.put("reply_to_thread", new McpCell(() -> Map.of("thread_id", threadOfI, "text", "thanks",
                "idempotency_key", UUID.randomUUID().toString()),
                OK, OK, "forbidden", OK, "forbidden", "not_found"));
        cells.put("search_mail", new McpCell(() -> Map.of("inbox_id", inboxI, "query", "matrix"),
                OK, OK, "forbidden", OK, "forbidden", "not_found"));
        cells.put("wait_for_new_mail", new McpCell(() -> Map.of("inbox_id", inboxI, "timeout_seconds", 1),
                OK, OK, "forbidden", OK, "forbidden", "not_found"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Who who : List.of(Who.ACCOUNT, Who.OWN_POD, Who.OTHER_POD, Who.OWN_INBOX, Who.OTHER_INBOX,
                Who.OTHER_ACCOUNT)) {
            tests.add(DynamicTest.dynamicTest("MCP tools as " + who, () -> {
                try (McpTestClient client = McpTestClient.connect(server, tokens.get(who))) {
                    Set<String> listed = client.tools().stream().map(McpSchema.Tool::name)
                            .collect(Collectors.toCollection(TreeSet::new));
                    Set<String> expectedListed = cells.entrySet().stream()
                            .filter(cell -> !cell.getValue().expected()[who.ordinal()].equals(ABSENT))
                            .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
                    assertEquals(expectedListed, listed, who + " lists");
                    cells.forEach((tool, cell) -> assertMcpCell(client, who, tool, cell));
                }
            }));
        }
        return tests.stream();
    }

    private record McpCell(Supplier<Map<String, Object>> arguments, String... expected) {
    }

    private static void assertMcpCell(McpTestClient client, Who who, String tool, McpCell cell) {
        String expected = cell.expected()[who.ordinal()];
        String what = tool + " as " + who;
        if (expected.equals(ABSENT)) {
            McpError unknown = assertThrows(McpError.class, () -> client.call(tool, cell.arguments().get()), what);
            assertTrue(unknown.getMessage().contains("Unknown tool"), what + ": " + unknown.getMessage());
            return;
        }
        McpTestClient.Result result = client.call(tool, cell.arguments().get());
        if (expected.equals(OK)) {
            assertFalse(result.isError(), () -> what + ": " + result.text());
            if (who == Who.OTHER_ACCOUNT) {
                for (String ofA : List.of(a.id(), podP, podQ, inboxI, inboxJ, inboxR, domainOfA)) {
                    assertFalse(result.text().contains(ofA), () -> "another account saw " + ofA + ": " + result.text());
                }
            }
            if (who == Who.OWN_POD || who == Who.OWN_INBOX) {
                assertFalse(result.text().contains(podQ) || result.text().contains(inboxR),
                        () -> who + " saw pod Q's resources: " + result.text());
            }
            return;
        }
        assertTrue(result.isError(), () -> what + ": " + result.text());
        assertEquals(expected, result.string("error"), () -> what + ": " + result.text());
        if (expected.equals("forbidden")) {
            String message = result.string("message");
            assertTrue(message.contains(boundaryOf(who)), () -> what + " should name " + boundaryOf(who) + ": " + message);
            assertFalse(who == Who.OTHER_POD && message.contains(podP) || who == Who.OTHER_INBOX && message.contains(inboxI),
                    () -> "a refusal must not tell a scoped key the ids beyond its boundary: " + message);
        }
    }

    private static void assertSubscribe(WsClient ws, String inbox, boolean allowed) {
        Map<String, Object> reply = ws.ask("{\"type\":\"subscribe\",\"inbox_ids\":[\"" + inbox + "\"]}");
        if (allowed) {
            assertEquals(Map.of("type", "subscribed", "inbox_ids", List.of(inbox), "event_types", List.of()), reply);
        } else {
            assertEquals("error", reply.get("type"), reply::toString);
            String message = (String) reply.get("message");
            assertTrue(message.contains("not one this key may read"), message);
            assertFalse(message.contains(inbox), "the error names no id: " + message);
        }
    }

    @Test
    void listingsShowAScopedKeyOnlyWhatIsInsideIt() {
        assertEquals(List.of(inboxI), ids(server.get("/v1/inboxes", tokens.get(Who.OWN_INBOX))));
        assertEquals(List.of(inboxI), ids(server.get("/v1/inboxes?podId=" + podP, tokens.get(Who.OWN_INBOX))));
        assertEquals(1, server.get("/v1/inboxes?offset=1", tokens.get(Who.OWN_INBOX)).total());
        assertEquals(Set.of(inboxI, inboxJ),
                Set.copyOf(ids(server.get("/v1/inboxes?podId=tenant-p&limit=100", tokens.get(Who.OWN_POD)))
                        .stream().filter(id -> id.equals(inboxI) || id.equals(inboxJ)).toList()));
        List<String> seenByPodKey = ids(server.get("/v1/inboxes?limit=100", tokens.get(Who.OWN_POD)));
        assertTrue(seenByPodKey.containsAll(List.of(inboxI, inboxJ)), seenByPodKey.toString());
        assertFalse(seenByPodKey.contains(inboxR), "a pod key must not see another pod's inbox");
        assertEquals(List.of(podP), ids(server.get("/v1/pods", tokens.get(Who.OWN_POD))));

        Reply otherPod = server.get("/v1/inboxes?podId=" + podQ, tokens.get(Who.OWN_POD));
        assertEquals(403, otherPod.status(), otherPod.body());
        assertTrue(otherPod.string("message").contains("pod " + podP), otherPod.body());
    }

    @Test
    void aPodKeyCannotSetWebhooksNorDeleteAndItsInboxesLandInItsPod() {
        String podKey = tokens.get(Who.OWN_POD);
        Reply withWebhook = server.post("/v1/inboxes", podKey, "{\"webhookUrl\":\"https://hooks.example.com/x\"}");
        assertForbidden(withWebhook, "pod " + podP);

        Reply patchWebhook = server.patch("/v1/inboxes/" + inboxJ, podKey, "{\"webhookUrl\":\"https://hooks.example.com/x\"}");
        assertForbidden(patchWebhook, "pod " + podP);
        assertEquals(null, server.get("/v1/inboxes/" + inboxJ, a.token()).object().get("webhookUrl"));

        Reply created = server.post("/v1/inboxes", podKey, "{}");
        assertEquals(201, created.status(), created.body());
        assertEquals(podP, created.string("podId"), "a pod key that names no pod creates in its own pod");
    }

    private static void assertCell(Row row, Who who, int expected) {
        Target target = row.target().get();
        Reply reply = server.send(request(row.method(), target, tokens.get(who)));
        assertEquals(expected, reply.status(), () -> row.method() + " " + target.path() + " as " + who + ": " + reply.body());
        if (row.method().equals("HEAD") || row.route().startsWith("/console") || row.route().startsWith("/unsubscribe")) {
            // No JSON body to look into: HEAD has none, and the console and the unsubscribe link answer browsers
            // with pages and redirects.
            return;
        }
        if (expected == 403) {
            assertForbidden(reply, boundaryOf(who));
            String message = reply.string("message");
            assertFalse(who == Who.OTHER_POD && message.contains(podP) || who == Who.OTHER_INBOX && message.contains(inboxI),
                    () -> "a refusal must not tell a scoped key the ids beyond its boundary: " + message);
        } else if (expected == 401) {
            assertEquals("unauthorized", reply.error());
        } else if (expected == 404) {
            assertEquals("not_found", reply.error());
        }
        if (who == Who.OTHER_ACCOUNT && expected < 300 && reply.body() != null) {
            for (String ofA : List.of(a.id(), podP, podQ, inboxI, inboxJ, inboxR, domainOfA)) {
                assertFalse(reply.body().contains(ofA), () -> "another account saw " + ofA + ": " + reply.body());
            }
        }
        if ((who == Who.OWN_POD || who == Who.OWN_INBOX) && expected < 300 && reply.body() != null) {
            assertFalse(reply.body().contains(podQ) || reply.body().contains(inboxR),
                    () -> who + " saw pod Q's resources: " + reply.body());
        }
    }

    private static void assertForbidden(Reply reply, String boundary) {
        assertEquals(403, reply.status(), reply.body());
        assertEquals("forbidden", reply.error());
        assertTrue(reply.string("message").contains(boundary), () -> "the refusal should name " + boundary + ": " + reply.body());
    }

    private static String boundaryOf(Who who) {
        return switch (who) {
            case OWN_POD -> "pod " + podP;
            case OTHER_POD -> "pod " + podQ;
            case OWN_INBOX -> "inbox " + inboxI;
            case OTHER_INBOX -> "inbox " + inboxJ;
            default -> throw new IllegalArgumentException(who + " has no boundary");
        };
    }

    private static HttpRequest.Builder request(String method, Target target, String token) {
        HttpRequest.BodyPublisher body = target.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(target.body(), StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(target.path())).method(method, body);
        if (target.body() != null) {
            builder.header("Content-Type", target.path().startsWith("/console")
                    ? "application/x-www-form-urlencoded" : "application/json");
        }
        if (target.path().endsWith("/send")) {
            builder.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        return RunningServer.authorized(builder, token);
    }

    /** The routes the running server serves, as "METHOD /template". */
    private static Set<String> servedRoutes() {
        Router router = server.context().getBean(Router.class);
        return router.uriRoutes()
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A console route, called with A's own ids; every kind of caller gets the same answer. */
    private static void consoleRow(String method, String route, int status) {
        Supplier<Target> target = () -> new Target(route.replace("{+path}", "no/such/page").replace("{keyId}", "key_unknown")
                .replace("{id}", route.contains("/pods/") ? podP
                : route.contains("/inboxes/") ? inboxI : route.contains("/threads/") ? threadOfI : domainOfA),
                method.equals("POST") ? "" : null);
        int[] expected = new int[Who.values().length];
        Arrays.fill(expected, status);
        row(method, route, target, expected);
    }

    /** A HEAD row for each GET row whose HEAD route the server serves. */
    private static Map<String, Row> headRows() {
        Set<String> served = servedRoutes();
        Map<String, Row> head = new LinkedHashMap<>();
        for (Row row : rows.values()) {
            if (row.method().equals("GET") && served.contains("HEAD " + row.route())) {
                head.put("HEAD " + row.route(), new Row("HEAD", row.route(), row.target(), row.expected()));
            }
        }
        return head;
    }

    private static void row(String method, String route, Supplier<Target> target, int... expected) {
        assertEquals(Who.values().length, expected.length, route);
        rows.put(method + " " + route, new Row(method, route, target, expected));
    }

    private static Reply created(Reply reply) {
        assertEquals(201, reply.status(), reply.body());
        return reply;
    }

    private static String inboxIn(String pod) {
        return created(server.post("/v1/inboxes", a.token(), "{\"podId\":\"" + pod + "\"}")).string("id");
    }

    private static String keyOf(String holderPath) {
        return created(server.post(holderPath + "/api-keys", a.token(), "{}")).string("token");
    }

    /** A key made for one cell, under a key collection such as /v1/pods/{id}/api-keys. */
    private static String freshKeyId(String keysPath) {
        return created(server.post(keysPath, a.token(), "{}")).string("id");
    }

    /** A message with an attachment, handed to the server as its SMTP listener would. */
    private static void deliverTo(String inbox) {
        String address = server.get("/v1/inboxes/" + inbox, a.token()).string("address");
        String raw = "From: sender@example.org\r\nTo: " + address + "\r\nSubject: Matrix\r\nMessage-ID: <matrix@example.org>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\nnotes\r\n"
                + "--b--\r\n";
        int stored = server.context().getBean(ReceiveMail.class)
                .receive(new ReceiveMail.Command(raw.getBytes(StandardCharsets.US_ASCII), "sender@example.org", List.of(address))).taken();
        assertEquals(1, stored);
    }

    /** The target {@code path}, once accounts A and B both have a webhook of their own to rotate or test. */
    private static Target withAccountWebhooks(String path) {
        for (Account account : List.of(a, b)) {
            Reply set = server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri("/v1/webhook")),
                            account.token()).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"webhookUrl\":\"" + PRIVATE_HOOK + "\"}")));
            assertEquals(200, set.status(), set.body());
        }
        return new Target(path, null);
    }

    private static String freshPod() {
        return created(server.post("/v1/pods", a.token(), "{}")).string("id");
    }

    private static String freshSenderRule() {
        return created(server.post("/v1/sender-rules", a.token(), "{\"type\":\"block\",\"value\":\""
                + uniqueDomain() + "\",\"podId\":\"" + podP + "\"}")).string("id");
    }

    private static String freshSuppression() {
        return created(server.post("/v1/suppressions", a.token(), "{\"address\":\"someone@" + uniqueDomain()
                + "\"}")).string("address");
    }

    private static String freshDomain() {
        return created(server.post("/v1/domains", a.token(), "{\"domain\":\"" + uniqueDomain() + "\"}")).string("id");
    }

    private static String uniqueDomain() {
        return "matrix-" + Long.toString(System.nanoTime(), 36) + ".example.com";
    }

    private static List<String> ids(Reply list) {
        assertEquals(200, list.status(), list.body());
        return list.data().stream().map(item -> (String) item.get("id")).toList();
    }
}
