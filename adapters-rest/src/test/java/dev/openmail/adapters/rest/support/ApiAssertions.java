package dev.openmail.adapters.rest.support;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

public final class ApiAssertions {

    private ApiAssertions() {
    }

    /** The reply is an error of the API: {@code status}, JSON, exactly {"error","message"}, {@code code}. */
    public static Map<String, Object> assertError(HttpApi.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply::toString);
        String contentType = reply.contentType();
        assertNotNull(contentType, () -> "no Content-Type on " + reply);
        assertTrue(contentType.startsWith("application/json"), () -> contentType + " on " + reply);
        Map<String, Object> body = reply.object();
        assertEquals(Set.of("error", "message"), body.keySet(), reply::toString);
        assertEquals(code, body.get("error"), reply::toString);
        assertTrue(body.get("message") instanceof String message && !message.isBlank(), reply::toString);
        return body;
    }

    /** As {@link #assertError}, and the message mentions {@code text}. */
    public static void assertError(HttpApi.Reply reply, int status, String code, String text) {
        String message = (String) assertError(reply, status, code).get("message");
        assertTrue(message.contains(text), () -> "'" + text + "' not in: " + message);
    }
}
