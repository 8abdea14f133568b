package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the server emits, held against the published OpenMail description ({@code openmail-openapi.json}, MIT licensed,
 * kept in this module's test resources): every property that description types as a string without allowing null is
 * present and a string in every object of that kind, as clients generated from it expect. Each operation of the
 * description with a JSON answer is called once, with objects that leave every optional part out.
 */
@SuppressWarnings("unchecked")
class WireSchemaSystemTest {

    /** Operations of the description this server does not serve, so there is nothing of theirs to check. */
    private static final Set<String> NOT_SERVED = Set.of(
            "POST /v1/inboxes/{id}/webhook/rotate-secret",
            "POST /v1/inboxes/{id}/webhook/test",
            "GET /v1/attachments/{messageId}/{filename}/text");

    private final RunningServer server = RunningServer.shared();
    private final JsonMapper json = server.context().getBean(JsonMapper.class);
    private final Map<String, Object> description = description();
    private final Set<String> checked = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();

    @Test
    void everyNonNullableStringOfTheDescriptionIsAStringOnTheWire() throws IOException {
        Account account = server.openAccount();
        String token = account.token();

        Reply pod = check("POST", "/v1/pods", 201, server.post("/v1/pods", token, "{}"));
        String podPath = "/v1/pods/" + pod.string("id");
        check("GET", "/v1/pods", 200, server.get("/v1/pods", token));
        check("GET", "/v1/pods/{id}", 200, server.get(podPath, token));
        check("PATCH", "/v1/pods/{id}", 200, server.patch(podPath, token, "{\"name\":null}"));
        check("POST", "/v1/pods/{id}/api-keys", 201, server.post(podPath + "/api-keys", token, "{}"));
        check("GET", "/v1/pods/{id}/api-keys", 200, server.get(podPath + "/api-keys", token));

        Reply inbox = check("POST", "/v1/inboxes", 201, server.post("/v1/inboxes", token, "{}"));
        Reply other = server.post("/v1/inboxes", token, "{}");
        String inboxPath = "/v1/inboxes/" + inbox.string("id");
        check("GET", "/v1/inboxes", 200, server.get("/v1/inboxes", token));
        check("GET", "/v1/inboxes/{id}", 200, server.get(inboxPath, token));
        check("PATCH", "/v1/inboxes/{id}", 200, server.patch(inboxPath, token, "{\"displayName\":null}"));
        check("POST", "/v1/inboxes/{id}/api-keys", 201, server.post(inboxPath + "/api-keys", token, "{}"));
        check("GET", "/v1/inboxes/{id}/api-keys", 200, server.get(inboxPath + "/api-keys", token));

        // Text only, no subject given on the reply, no HTML: the parts a message may lack.
        Reply sent = check("POST", "/v1/inboxes/{id}/send", 200, server.send(RunningServer.authorized(
                HttpRequest.newBuilder(server.uri(inboxPath + "/send"))
                        .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + other.string("address")
                                + "\",\"subject\":\"Plain\",\"body\":\"Only text.\"}")), token)));
        sendWithAttachment(token, inboxPath, other.string("address"));
        String otherPath = "/v1/inboxes/" + other.string("id");
        Reply received = check("GET", "/v1/inboxes/{id}/messages", 200, server.get(otherPath + "/messages", token));
        assertEquals(2, received.total(), received.body());
        check("GET", "/v1/inboxes/{id}/messages", 200, server.get(inboxPath + "/messages", token));
        check("GET", "/v1/inboxes/{id}/threads", 200, server.get(otherPath + "/threads", token));
        String threadPath = "/v1/threads/" + sent.string("threadId");
        check("GET", "/v1/threads/{id}/messages", 200, server.get(threadPath + "/messages", token));
        check("PATCH", "/v1/threads/{id}", 200, server.patch(threadPath, token, "{\"is_read\":true}"));
        check("GET", "/v1/pods/{id}", 404, server.get("/v1/pods/pod_01zzzzzzzzzzzzzzzzzzzzzzzz", token));

        assertEquals(List.of(), problems, String.join("\n", problems));
        Set<String> described = new TreeSet<>();
        ((Map<String, Map<String, Map<String, Object>>>) description.get("paths")).forEach((path, operations) ->
                operations.forEach((method, operation) -> {
                    if (answersJson(operation)) {
                        described.add(method.toUpperCase(Locale.ROOT) + " " + path);
                    }
                }));
        described.removeAll(NOT_SERVED);
        Set<String> checkedOperations = new TreeSet<>();
        checked.forEach(operation -> checkedOperations.add(operation.substring(0, operation.lastIndexOf(' '))));
        assertEquals(described, checkedOperations);
    }

    private static boolean answersJson(Map<String, Object> operation) {
        return ((Map<String, Map<String, Object>>) operation.get("responses")).entrySet().stream()
                .filter(answer -> answer.getKey().startsWith("2"))
                .anyMatch(answer -> answer.getValue().get("content") instanceof Map<?, ?> content
                        && content.containsKey("application/json"));
    }

    private void sendWithAttachment(String token, String inboxPath, String to) throws IOException {
        String boundary = "----openmail" + UUID.randomUUID();
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : Map.of("to", to, "subject", "File", "body", "See the file.").entrySet()) {
            form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nattached\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Reply sent = server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri(inboxPath + "/send"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())), token));
        assertEquals(200, sent.status(), sent.body());
    }

    /** Holds the answer against the schema the description gives for this operation and status. */
    private Reply check(String method, String path, int status, Reply reply) {
        assertEquals(status, reply.status(), method + " " + path + ": " + reply);
        Map<String, Object> operation = ((Map<String, Map<String, Map<String, Object>>>) description.get("paths"))
                .get(path).get(method.toLowerCase(Locale.ROOT));
        Map<String, Object> answer = ((Map<String, Map<String, Object>>) operation.get("responses"))
                .get(String.valueOf(status));
        Map<String, Object> schema;
        if (answer == null) {
            // The description lists no 404 for some reads; every error of this API is an Error.
            assertTrue(status >= 400, method + " " + path + " answers " + status + ", which the description lacks");
            schema = Map.of("$ref", "#/components/schemas/Error");
        } else {
            schema = (Map<String, Object>) ((Map<String, Map<String, Object>>) answer.get("content"))
                    .get("application/json").get("schema");
        }
        checked.add(method + " " + path + " " + status);
        conforms(schema, reply.object(), method + " " + path + " " + status + " ");
        return reply;
    }

    private void conforms(Map<String, Object> schema, Object value, String where) {
        schema = resolved(schema);
        for (Object part : (List<Object>) schema.getOrDefault("allOf", List.of())) {
            conforms((Map<String, Object>) part, value, where);
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Map<String, Object>> properties =
                    (Map<String, Map<String, Object>>) schema.getOrDefault("properties", Map.of());
            properties.forEach((name, property) -> {
                Map<String, Object> type = resolved(property);
                if (isNonNullableString(type) && !(object.get(name) instanceof String)) {
                    problems.add(where + name + " is " + (object.containsKey(name) ? object.get(name) : "absent")
                            + ", not a string, in " + object);
                } else if (object.get(name) != null) {
                    conforms(property, object.get(name), where + name + ".");
                }
            });
        } else if (value instanceof List<?> items && schema.get("items") != null) {
            for (Object item : items) {
                conforms((Map<String, Object>) schema.get("items"), item, where + "[].");
            }
        }
    }

    private static boolean isNonNullableString(Map<String, Object> schema) {
        Object type = schema.get("type");
        boolean string = "string".equals(type) || type instanceof List<?> types && types.contains("string");
        boolean nullable = Boolean.TRUE.equals(schema.get("nullable")) || type instanceof List<?> types && types.contains("null");
        return string && !nullable;
    }

    private Map<String, Object> resolved(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        Map<String, Object> components = (Map<String, Object>) description.get("components");
        String name = ((String) ref).substring("#/components/schemas/".length());
        return resolved(((Map<String, Map<String, Object>>) components.get("schemas")).get(name));
    }

    private Map<String, Object> description() {
        try (InputStream in = getClass().getResourceAsStream("/openmail-openapi.json")) {
            return json.readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
