package dev.openmail.domain.inbox;

import dev.openmail.domain.common.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DisplayNameTest {

    private static final String ROCKET = "\uD83D\uDE80";

    @Test
    void acceptsAnyUnicodeTextUpTo200CodePoints() {
        assertEquals("Support \u6771\u4eac " + ROCKET, new DisplayName("Support \u6771\u4eac " + ROCKET).value());
        assertEquals(400, new DisplayName(ROCKET.repeat(200)).value().length());
        assertEquals(200, new DisplayName("x".repeat(200)).value().length());
        assertEquals("", new DisplayName("").value());
        assertEquals("a\tb", new DisplayName("a\tb").value());
    }

    @Test
    void refuses201CodePoints() {
        assertRefused(ROCKET.repeat(201), "displayName may have at most 200 characters.");
        assertRefused("x".repeat(201), "displayName may have at most 200 characters.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\r\nBcc: x@example.com", "a\u0000b", "\n"})
    void refusesLineBreaksAndNul(String value) {
        assertRefused(value, "displayName may not contain line breaks or NUL characters.");
    }

    @Test
    void refusesAnUnpairedSurrogateAndNull() {
        assertRefused("a\uD83D", "displayName contains an unpaired UTF-16 surrogate; send valid Unicode text.");
        assertRefused(null, "displayName must be a string.");
    }

    private static void assertRefused(String value, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new DisplayName(value));
        assertEquals("displayName", e.field());
        assertEquals(message, e.getMessage());
    }
}
