package dev.openmail.domain.inbox;

import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InstallationDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailboxNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b", "a-b", "a.b-c.d", "support", "team.sales-eu", "123", "0a9", "x-1.y-2"})
    void acceptsLettersDigitsDotsAndHyphens(String value) {
        assertEquals(value, MailboxName.parse(value).value());
        assertEquals(value, new MailboxName(value).value());
    }

    @Test
    void acceptsThreeToThirtyCharacters() {
        assertEquals(3, MailboxName.parse("abc").value().length());
        assertEquals(30, MailboxName.parse("a".repeat(30)).value().length());
    }

    @Test
    void refusesTwoAndThirtyOneCharacters() {
        assertRefused("ab", "mailboxName must be 3 to 30 characters long.");
        assertRefused("a".repeat(31), "mailboxName must be 3 to 30 characters long.");
        assertRefused("", "mailboxName must be 3 to 30 characters long.");
    }

    @Test
    void foldsToLowerCase() {
        assertEquals(new MailboxName("support.team"), MailboxName.parse("Support.TEAM"));
        assertEquals("abc-123", MailboxName.parse("ABC-123").toString());
    }

    @Test
    void theConstructorTakesOnlyTheStoredLowerCaseForm() {
        assertThrows(InvalidMailboxNameException.class, () -> new MailboxName("Support"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_b", "a+b", "a b", "a@b", "caf\u00e9", "\uD83D\uDE80ab", "a/b", "a'b", "a\tb", "a,b", "a\u0000b"})
    void refusesOtherCharacters(String value) {
        assertRefused(value, "mailboxName may only contain letters, digits, dots and hyphens.");
    }

    @ParameterizedTest
    @ValueSource(strings = {".abc", "abc.", "-abc", "abc-", ".ab-", "-a."})
    void refusesADotOrHyphenAtEitherEnd(String value) {
        assertRefused(value, "mailboxName may not start or end with a dot or a hyphen.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", "ab...cd", "a.b..c"})
    void refusesTwoDotsInARow(String value) {
        assertRefused(value, "mailboxName may not contain two dots in a row.");
    }

    @Test
    void hyphensMayFollowEachOtherAndDots() {
        assertEquals("a--b", MailboxName.parse("a--b").value());
        assertEquals("a.-b", MailboxName.parse("a.-b").value());
    }

    @Test
    void refusesNull() {
        assertThrows(InvalidMailboxNameException.class, () -> MailboxName.parse(null));
        assertThrows(InvalidMailboxNameException.class, () -> new MailboxName(null));
    }

    @Test
    void aRandomNameIsEightLowerCaseLettersOrDigits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String name = MailboxName.random().value();
            assertTrue(name.matches("[a-z0-9]{8}"), name);
            assertEquals(name, MailboxName.parse(name).value());
            seen.add(name);
        }
        assertTrue(seen.size() > 190, "random names repeat: " + seen.size() + " distinct of 200");
    }

    @Test
    void aReservedNameIsRefusedOnTheInstallationDomainWithAMessageSayingSo() {
        InstallationDomain installation = new InstallationDomain(new DomainName("openmail.test"));

        InvalidMailboxNameException e = assertThrows(InvalidMailboxNameException.class,
                () -> MailboxName.parse("PostMaster").ensureAvailableOn(installation));

        assertTrue(e.getMessage().startsWith("mailboxName 'postmaster' is reserved on openmail.test"), e.getMessage());
        assertDoesNotThrow(() -> MailboxName.parse("postmaster-team").ensureAvailableOn(installation));
    }

    private static void assertRefused(String value, String message) {
        InvalidMailboxNameException e = assertThrows(InvalidMailboxNameException.class, () -> MailboxName.parse(value));
        assertEquals(message, e.getMessage());
    }
}
