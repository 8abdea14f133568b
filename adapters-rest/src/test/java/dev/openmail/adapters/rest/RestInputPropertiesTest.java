package dev.openmail.adapters.rest;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.adapters.rest.support.TestAccounts.TestAccount;
import dev.openmail.domain.port.in.OpenAccount;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated input against every endpoint that reads a body or an id: whatever comes in, the answer is a 2xx, or a 4xx
 * with an error code and a message, never a 5xx; and another tenant's data stays exactly as it was.
 */
class RestInputPropertiesTest {

    private static final List<String> BODY_ROUTES = List.of("POST /v1/pods", "PATCH /v1/pods/{pod}", "POST /v1/inboxes",
            "PATCH /v1/inboxes/{inbox}", "POST /v1/domains", "PATCH /v1/domains/{domain}", "POST /v1/api-keys",
            "POST /v1/pods/{pod}/api-keys", "POST /v1/inboxes/{inbox}/api-keys", "POST /v1/inboxes/{inbox}/send",
            "PATCH /v1/threads/{thread}");
    private static final List<String> ID_ROUTES = List.of("GET /v1/pods/%s", "GET /v1/inboxes/%s", "GET /v1/domains/%s",
            "DELETE /v1/pods/%s", "DELETE /v1/inboxes/%s", "GET /v1/threads/%s/messages", "GET /v1/messages/%s/raw",
            "GET /v1/attachments/%s/%s", "GET /v1/inboxes?podId=%s", "GET /v1/pods?limit=%s",
            "GET /v1/inboxes/inb_01aaaaaaaaaaaaaaaaaaaaaaaa/messages?direction=%s", "DELETE /v1/api-keys/%s");

    private static final List<String> KNOWN_FIELDS = List.of("name", "clientId", "podId", "mailboxName", "displayName",
            "domain", "webhookUrl", "to", "subject", "body", "bodyHtml", "cc", "threadId", "includeQuote", "replyTo",
            "is_read", "inboxLimit", "attachments");
    private static final String ROCKET = "\uD83D\uDE80";

    private static EmbeddedServer server;
    private static JsonMapper json;
    private static HttpClient client;
    private static TestAccount tenant;
    private static TestAccount neighbour;
    private static String tenantPod;
    private static String tenantInbox;
    private static String neighbourBefore;

    @BeforeContainer
    static void start() throws Exception {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "openmail.admin-token", ControllerTestSettings.ADMIN_TOKEN,
                "micronaut.server.max-request-size", ControllerTestSettings.MAX_REQUEST_SIZE,
                "openmail.rate-limit.requests-per-second", "0"));
        json = server.getApplicationContext().getBean(JsonMapper.class);
        client = HttpClient.newHttpClient();
        OpenAccount openAccount = server.getApplicationContext().getBean(OpenAccount.class);
        tenant = TestAccounts.open(openAccount);
        neighbour = TestAccounts.open(openAccount);
        tenantPod = idOf(call("POST", "/v1/pods", tenant.token(), "{\"name\":\"fuzzed\"}"));
        tenantInbox = idOf(call("POST", "/v1/inboxes", tenant.token(), "{}"));
        call("POST", "/v1/inboxes", neighbour.token(), "{\"displayName\":\"neighbour\"}");
        neighbourBefore = neighbourState();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 300)
    void anyJsonBodyIsAnsweredWithoutA5xx(@ForAll("routes") String route, @ForAll("bodies") String body) throws Exception {
        String[] parts = route.split(" ");
        String path = parts[1].replace("{pod}", tenantPod).replace("{inbox}", tenantInbox)
                .replace("{domain}", "dom_01aaaaaaaaaaaaaaaaaaaaaaaa").replace("{thread}", "thr_01aaaaaaaaaaaaaaaaaaaaaaaa");
        HttpResponse<String> answer = call(parts[0], path, tenant.token(), body);

        assertAnswered(route, body, answer);
    }

    @Property(tries = 300)
    void anyIdOrParameterIsAnsweredWithoutA5xx(@ForAll("idRoutes") String route, @ForAll("ids") String id) throws Exception {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
        String[] parts = route.split(" ", 2);
        HttpResponse<String> answer = call(parts[0], parts[1].replace("%s", encoded), tenant.token(), null);

        assertAnswered(route, id, answer);
    }

    /** Strings of 1 MB and 10 MB in a field the endpoint knows: refused whole, with the error format. */
    @Property(tries = 16)
    void hugeStringsInAnyFieldAreAnsweredWithoutA5xx(@ForAll("routes") String route, @ForAll("fields") String field,
                                                     @ForAll("hugeStrings") String huge) throws Exception {
        String body = "{" + write(field) + ":" + write(huge) + "}";
        String[] parts = route.split(" ");
        String path = parts[1].replace("{pod}", tenantPod).replace("{inbox}", tenantInbox)
                .replace("{domain}", "dom_01aaaaaaaaaaaaaaaaaaaaaaaa").replace("{thread}", "thr_01aaaaaaaaaaaaaaaaaaaaaaaa");
        HttpResponse<String> answer = call(parts[0], path, tenant.token(), body);

        assertAnswered(route, body, answer);
        assertTrue(answer.statusCode() >= 400, () -> route + " took a " + body.length() + "-character body");
    }

    private static void assertAnswered(String route, String input, HttpResponse<String> answer)
            throws IOException, InterruptedException {
        int status = answer.statusCode();
        assertTrue(status < 500, () -> route + " with " + abbreviated(input) + " -> " + status + " " + answer.body());
        if (status >= 400) {
            Map<String, Object> error = json.readValue(answer.body(), Argument.mapOf(String.class, Object.class));
            assertTrue(error.get("error") instanceof String code && code.matches("[a-z_]+"), answer.body());
            assertTrue(error.get("message") instanceof String message && !message.isBlank(), answer.body());
        }
        assertEquals(neighbourBefore, neighbourState(), "another tenant's data changed");
    }

    @Provide
    Arbitrary<String> routes() {
        return Arbitraries.of(BODY_ROUTES);
    }

    @Provide
    Arbitrary<String> idRoutes() {
        return Arbitraries.of(ID_ROUTES);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars("pod_inbdmthrkeymsg0123456789abcdefghjkmnpqrstvwxyz").ofMaxLength(40),
                Arbitraries.of("pod_", "inb_01", "-1", "99999999999999999999", "%00", "../../etc/passwd", "", " ",
                        "x".repeat(3000), "\u00e9".repeat(1500),
                        "pod_01AAAAAAAAAAAAAAAAAAAAAAAA", "inbound", "outbound"));
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of(KNOWN_FIELDS);
    }

    @Provide
    Arbitrary<String> hugeStrings() {
        return Combinators.combine(Arbitraries.of(1024 * 1024 + 1, 10 * 1024 * 1024),
                        Arbitraries.of("a", "\u00e9", "\u0000", "\u0007", "\r\n", "\u2028", ROCKET, "\"", "\\"))
                .as((length, unit) -> unit.repeat(length / unit.length()));
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(
                jsonValue(3).map(RestInputPropertiesTest::write),
                objectWithKnownFields(),
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.of("", "{", "[]", "null", "{\"to\":", "\"string\"", "{}}", "{\"a\":1,\"a\":2}",
                        "x".repeat(70_000), "{\"name\":\"" + "é".repeat(40_000) + "\"}"));
    }

    /** Objects made of the fields the endpoints know, with values of every type, so that validation is reached. */
    private Arbitrary<String> objectWithKnownFields() {
        Arbitrary<String> field = Arbitraries.of(KNOWN_FIELDS);
        return Combinators.combine(field.list().ofMaxSize(6), jsonValue(2).list().ofMaxSize(6))
                .as((names, values) -> {
                    StringBuilder object = new StringBuilder("{");
                    for (int i = 0; i < Math.min(names.size(), values.size()); i++) {
                        if (object.length() > 1) {
                            object.append(',');
                        }
                        object.append(write(names.get(i))).append(':').append(write(values.get(i)));
                    }
                    return object.append('}').toString();
                });
    }

    private static Arbitrary<Object> jsonValue(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(64).map(s -> (Object) s),
                Arbitraries.of("a@b.co", "pod_01aaaaaaaaaaaaaaaaaaaaaaaa", "https://example.com/hook", "Re: hi\r\nBcc: x@y.z")
                        .map(s -> (Object) s),
                Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return leaf;
        }
        return Arbitraries.oneOf(leaf,
                jsonValue(depth - 1).list().ofMaxSize(4).map(list -> (Object) list),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(8), jsonValue(depth - 1)).ofMaxSize(4)
                        .map(map -> (Object) map));
    }

    private static String write(Object value) {
        if (value == null) {
            return "null";
        }
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String neighbourState() throws IOException, InterruptedException {
        return call("GET", "/v1/pods", neighbour.token(), null).body() + call("GET", "/v1/inboxes", neighbour.token(), null).body();
    }

    private static String idOf(HttpResponse<String> created) throws IOException {
        return (String) json.readValue(created.body(), Argument.mapOf(String.class, Object.class)).get("id");
    }

    private static HttpResponse<String> call(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String abbreviated(String input) {
        return input.length() > 200 ? input.substring(0, 200) + "... (" + input.length() + " chars)" : input;
    }
}
