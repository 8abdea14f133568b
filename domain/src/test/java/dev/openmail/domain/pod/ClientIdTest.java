package dev.openmail.domain.pod;

import dev.openmail.domain.common.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "7", ".", "_", "-", ":", "@", "acme", "team.sales_eu-1:prod@corp",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "pod", "podcast", "pod-1", "Pod_1", "POD_1",
            "my_pod_"})
    void acceptsTheAllowedCharacters(String value) {
        assertNull(ClientId.problemWith(value));
        assertEquals(value, new ClientId(value).value());
    }

    @Test
    void acceptsOneTo255Characters() {
        assertEquals(255, new ClientId("x".repeat(255)).value().length());
        assertEquals(1, new ClientId("x").value().length());
    }

    @Test
    void refusesTheEmptyStringAnd256Characters() {
        assertInvalid("");
        assertInvalid("x".repeat(256));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", " a", "a/b", "a+b", "a#b", "a%2F", "a?b", "a,b", "a;b", "a=b", "é", "caf\u00e9",
            "\uD83D\uDE80", "a\tb", "a\nb", "a*b", "(a)", "a'b", "a\"b", "a\\b", "a~b"})
    void refusesOtherCharacters(String value) {
        assertInvalid(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pod_", "pod_x", "pod_01hzy3x5k2m7n8p9qrstvwxyz0", "pod__"})
    void refusesThePodIdPrefix(String value) {
        String problem = assertInvalid(value);
        assertEquals("clientId may not start with 'pod_', which marks pod ids.", problem);
    }

    @Test
    void refusesNull() {
        assertInvalid(null);
    }

    @Test
    void isCaseSensitive() {
        assertNotEquals(new ClientId("Acme"), new ClientId("acme"));
        assertEquals(new ClientId("acme"), new ClientId("acme"));
        assertEquals("Acme", new ClientId("Acme").toString());
    }

    private static String assertInvalid(String value) {
        String problem = ClientId.problemWith(value);
        assertNotNull(problem, () -> "'" + value + "' was accepted");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ClientId(value));
        assertEquals("clientId", e.field());
        assertEquals(problem, e.getMessage());
        return problem;
    }
}
