package dev.openmail.domain.maildomain;

import dev.openmail.domain.common.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainNameTest {

    @Test
    void unicodeNamesAreConvertedWithIdna() {
        assertEquals("xn--bcher-kva.example", parse("B\u00fccher.example"));
        assertEquals("xn--cole-9oa.fr", parse("\u00c9COLE.fr"));
        assertEquals("xn--bcher-kva.example", parse("xn--bcher-kva.example"));
    }

    @Test
    void upperCaseIsFolded() {
        assertEquals("mail.example.com", parse("Mail.EXAMPLE.com"));
    }

    @Test
    void oneTrailingDotAndSurroundingSpaceAreDropped() {
        assertEquals("example.com", parse("example.com."));
        assertEquals("example.com", parse("  Example.COM.  "));
    }

    @Test
    void ideographicFullStopsSeparateLabels() {
        assertEquals("example.com", parse("example\u3002com"));
    }

    @Test
    void aSingleLabelIsRefused() {
        InvalidInputException e = assertRefused("localhost");
        assertTrue(e.getMessage().contains("at least two labels"), e.getMessage());
        assertRefused("com.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example..com", ".example.com", "example.com..", "-bad.com", "bad-.com", "exa_mple.com",
            "ex ample.com", "exa/mple.com", "example.com/", "user@example.com", ".", "", "   ", "\uD83D\uDE80"})
    void invalidNamesAreRefused(String text) {
        assertRefused(text);
    }

    @Test
    void labelsHoldUpTo63Characters() {
        assertEquals("a".repeat(63) + ".com", parse("a".repeat(63) + ".com"));
        assertRefused("a".repeat(64) + ".com");
    }

    @Test
    void namesHoldUpTo253Characters() {
        String longest = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        assertEquals(DomainName.MAX_LENGTH, longest.length());

        assertEquals(longest, parse(longest));
        assertEquals(longest, parse(longest + "."));
        InvalidInputException e = assertRefused(longest + "d");
        assertTrue(e.getMessage().contains("1 to 253 characters"), e.getMessage());
    }

    @Test
    void theErrorNamesTheFieldAndTheText() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DomainName.parse("mxHost", "bad_name.com"));
        assertEquals("mxHost", e.field());
        assertTrue(e.getMessage().startsWith("mxHost 'bad_name.com' is not a valid domain name"), e.getMessage());

        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> DomainName.parse("domain", null));
        assertEquals("domain", missing.field());
        assertEquals("domain must be a string.", missing.getMessage());
    }

    @Test
    void theConstructorTakesOnlyTheStoredAsciiLowerCaseForm() {
        assertEquals("example.com", new DomainName("example.com").value());
        assertEquals("example.com", new DomainName("example.com").toString());
        assertThrows(IllegalArgumentException.class, () -> new DomainName("Example.com"));
        assertThrows(IllegalArgumentException.class, () -> new DomainName("example.com."));
        assertThrows(IllegalArgumentException.class, () -> new DomainName("b\u00fccher.example"));
        assertThrows(IllegalArgumentException.class, () -> new DomainName("localhost"));
        assertThrows(IllegalArgumentException.class, () -> new DomainName(null));
    }

    private static String parse(String text) {
        return DomainName.parse("domain", text).value();
    }

    private static InvalidInputException assertRefused(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DomainName.parse("domain", text),
                () -> "'" + text + "' was accepted");
        assertEquals("domain", e.field());
        return e;
    }
}
