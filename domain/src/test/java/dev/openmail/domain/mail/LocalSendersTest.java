package dev.openmail.domain.mail;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalSendersTest {

    private static final Predicate<String> HOSTED = Set.of("openmail.test", "acme.example")::contains;
    private static final Authentication FAILED = new Authentication(AuthResult.FAIL, AuthResult.NONE, AuthResult.FAIL);
    private static final Authentication NOTHING = Authentication.none();
    private static final Authentication PASSED = new Authentication(AuthResult.PASS, AuthResult.NONE, AuthResult.PASS);

    @Test
    void aHostedFromDomainWithoutADmarcPassIsSpoofed() {
        assertTrue(LocalSenders.isSpoofed("ceo@openmail.test", FAILED, HOSTED));
        assertTrue(LocalSenders.isSpoofed("boss@ACME.example", NOTHING, HOSTED), "domains compare case-insensitively");
        assertTrue(LocalSenders.isSpoofed("boss@acme.example.", NOTHING, HOSTED), "a trailing dot is the same name");
    }

    @Test
    void aDmarcPassAnotherDomainOrNoVerdictsAtAllIsNot() {
        assertFalse(LocalSenders.isSpoofed("ann@openmail.test", PASSED, HOSTED));
        assertFalse(LocalSenders.isSpoofed("x@stranger.example", FAILED, HOSTED));
        assertFalse(LocalSenders.isSpoofed("x@sub.openmail.test", FAILED, HOSTED), "only the hosted names themselves");
        assertFalse(LocalSenders.isSpoofed("ann@openmail.test", null, HOSTED), "filed internally: never spoofed");
        assertFalse(LocalSenders.isSpoofed(null, FAILED, HOSTED));
        assertFalse(LocalSenders.isSpoofed("no-at-sign", FAILED, HOSTED));
        assertFalse(LocalSenders.isSpoofed("trailing@", FAILED, HOSTED));
    }

    @Test
    void theDomainIsWhatFollowsTheLastAtSign() {
        assertTrue(LocalSenders.isSpoofed("\"a@b\"@openmail.test", FAILED, HOSTED));
        assertNull(LocalSenders.domainOf("nobody"));
    }
}
