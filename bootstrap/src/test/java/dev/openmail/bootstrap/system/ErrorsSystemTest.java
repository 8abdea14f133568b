package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a request can be wrong gets a 4xx with {"error","message"}, never a 500, and changes nothing. */
class ErrorsSystemTest {

    private final RunningServer server = RunningServer.shared();
    private Account account;

    @BeforeEach
    void openAccount() {
        account = server.openAccount();
    }

    private static void assertError(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        Map<String, Object> body = reply.object();
        assertEquals(Set.of("error", "message"), body.keySet(), reply.body());
        assertEquals(code, body.get("error"), reply.body());
        assertFalse(((String) body.get("message")).isBlank());
        assertTrue(reply.headers().getOrDefault("content-type", List.of("")).get(0).startsWith("application/json"),
                reply.headers().toString());
    }

    @Test
    void requestsWithoutAValidKeyAreUnauthorized() {
        assertError(server.get("/v1/pods", null), 401, "unauthorized");
        assertError(server.get("/v1/pods", "om_unknownunknownunknownunknown"), 401, "unauthorized");
        assertError(server.get("/v1/pods", "not-even-a-token"), 401, "unauthorized");
        assertError(server.get("/v1/pods", RunningServer.ADMIN_TOKEN), 401, "unauthorized");
        assertError(server.send(HttpRequest.newBuilder(server.uri("/v1/pods"))
                .header("Authorization", "Basic " + account.token())), 401, "unauthorized");
        assertError(server.send(HttpRequest.newBuilder(server.uri("/v1/pods")).header("Authorization", "Bearer ")),
                401, "unauthorized");
        assertError(server.post("/v1/pods", null, "{\"clientId\":\"sneaky\"}"), 401, "unauthorized");
        assertError(server.delete("/v1/pods/" + account.defaultPodId(), "om_unknownunknownunknownunknown"), 401, "unauthorized");
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        Reply reply = server.send(HttpRequest.newBuilder(server.uri("/v1/pods")).header("Authorization", "bearer " + account.token()));
        assertEquals(200, reply.status());
    }

    @Test
    void unknownRoutesAreNotFound() {
        assertError(server.get("/v1/nothing-here", account.token()), 404, "not_found");
        assertError(server.get("/nothing-here", null), 404, "not_found");
        assertError(server.get("/v1/pods/a/b/c", account.token()), 404, "not_found");
    }

    @Test
    void wrongMethodsAreNotAllowed() {
        assertError(server.send(HttpRequest.newBuilder(server.uri("/v1/pods/" + account.defaultPodId()))
                .header("Authorization", "Bearer " + account.token())
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")), 405, "method_not_allowed");
        assertError(server.delete("/v1/pods", account.token()), 405, "method_not_allowed");
    }

    @Test
    void bodiesThatAreNotJsonAreUnsupported() {
        Reply reply = server.send(HttpRequest.newBuilder(server.uri("/v1/pods"))
                .header("Authorization", "Bearer " + account.token())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("clientId=x")));
        assertError(reply, 415, "unsupported_media_type");

        Reply form = server.send(HttpRequest.newBuilder(server.uri("/v1/pods/" + account.defaultPodId()))
                .header("Authorization", "Bearer " + account.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("name=x")));
        assertError(form, 415, "unsupported_media_type");
        assertEquals(1, server.get("/v1/pods", account.token()).total());
    }

    @Test
    void malformedJsonIsABadRequest() {
        for (String body : List.of("{", "{\"clientId\":}", "not json", "{\"clientId\":\"a\",}", "\"just a string\"",
                "[]", "[{\"clientId\":\"x\"}]", "42", "null", "{\"name\":\"\\x\"}")) {
            Reply reply = server.post("/v1/pods", account.token(), body);
            assertError(reply, 400, "bad_request");
            assertTrue(reply.string("message").toLowerCase().contains("json"), body + " -> " + reply.body());
        }
        assertEquals(1, server.get("/v1/pods", account.token()).total(), "nothing was created");
    }

    @Test
    void wrongTypesAreABadRequestNamingTheField() {
        for (Map.Entry<String, String> c : Map.of(
                "{\"clientId\":123}", "clientId",
                "{\"clientId\":true}", "clientId",
                "{\"clientId\":{\"a\":1}}", "clientId",
                "{\"name\":[1,2]}", "name",
                "{\"name\":false}", "name").entrySet()) {
            Reply reply = server.post("/v1/pods", account.token(), c.getKey());
            assertError(reply, 400, "bad_request");
            assertTrue(reply.string("message").contains(c.getValue()), reply.body());
            Reply patch = server.patch("/v1/pods/" + account.defaultPodId(), account.token(), c.getKey());
            assertError(patch, 400, "bad_request");
        }
    }

    @Test
    void unknownFieldsAreABadRequestNamingTheField() {
        Reply reply = server.post("/v1/pods", account.token(), "{\"clientId\":\"ok\",\"isDefault\":true}");
        assertError(reply, 400, "bad_request");
        assertTrue(reply.string("message").contains("isDefault"));
        assertEquals(404, server.get("/v1/pods/ok", account.token()).status(), "nothing was created");

        Reply patch = server.patch("/v1/pods/" + account.defaultPodId(), account.token(), "{\"id\":\"pod_x\"}");
        assertError(patch, 400, "bad_request");
        assertTrue(patch.string("message").contains("'id'"));
    }

    @Test
    void oversizedBodiesAreRefused() {
        String huge = "{\"name\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        Reply reply = server.send(HttpRequest.newBuilder(server.uri("/v1/pods"))
                .header("Authorization", "Bearer " + account.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge, StandardCharsets.UTF_8)));
        assertError(reply, 413, "payload_too_large");
        assertEquals(1, server.get("/v1/pods", account.token()).total());
    }

    @Test
    void anEmptyBodyCreatesAPodWithoutFields() {
        Reply reply = server.send(HttpRequest.newBuilder(server.uri("/v1/pods"))
                .header("Authorization", "Bearer " + account.token())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, reply.status(), reply.body());
    }

    @Test
    void answersAreLabelledPlainJsonWhateverParametersTheClientAccepts() {
        for (String accept : List.of("application/json; charset=latin1", "application/json;q=0.9", "*/*")) {
            for (String path : List.of("/v1/pods", "/v1/pods/no-such-pod")) {
                Reply reply = server.send(HttpRequest.newBuilder(server.uri(path))
                        .header("Authorization", "Bearer " + account.token()).header("Accept", accept));
                assertEquals(List.of("application/json"), reply.headers().get("content-type"), accept + " " + path);
            }
        }
    }

    @Test
    void healthNeedsNoKey() {
        Reply health = server.get("/health", null);
        assertEquals(200, health.status());
        assertEquals("UP", health.string("status"));
    }
}
