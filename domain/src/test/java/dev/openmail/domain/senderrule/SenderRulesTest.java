package dev.openmail.domain.senderrule;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.PodId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.openmail.domain.senderrule.FilterMode.ALLOWLIST;
import static dev.openmail.domain.senderrule.FilterMode.NONE;
import static dev.openmail.domain.senderrule.SenderRuleType.ALLOW;
import static dev.openmail.domain.senderrule.SenderRuleType.BLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SenderRulesTest {

    private static final AccountId ACCOUNT = AccountId.generate();
    private static final PodId POD = PodId.generate();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static SenderRule rule(SenderRuleType type, String value) {
        return SenderRule.create(ACCOUNT, null, type, value, NOW);
    }

    private static SenderRule podRule(SenderRuleType type, String value) {
        return SenderRule.create(ACCOUNT, POD, type, value, NOW);
    }

    private static SenderRules.Decision decide(String from, String envelope, List<SenderRule> account,
                                               List<SenderRule> pod, FilterMode mode) {
        return SenderRules.decide(from, envelope, account, pod, mode);
    }

    @Test
    void withoutRulesNoneModeAcceptsEverything() {
        assertTrue(decide("a@x.test", "a@x.test", List.of(), List.of(), NONE).accepted());
    }

    @Test
    void withoutRulesAllowlistModeAcceptsNothing() {
        SenderRules.Decision decision = decide("a@x.test", "a@x.test", List.of(), List.of(), ALLOWLIST);
        assertFalse(decision.accepted());
        assertNull(decision.blockedByOrNull());
    }

    @Test
    void anAddressBlockRuleFiltersThatAddressOnly() {
        SenderRule block = rule(BLOCK, "spam@x.test");
        assertEquals(block, decide("spam@x.test", null, List.of(block), List.of(), NONE).blockedByOrNull());
        assertTrue(decide("ham@x.test", null, List.of(block), List.of(), NONE).accepted());
    }

    @Test
    void aDomainBlockRuleFiltersEveryAddressAtExactlyThatDomain() {
        SenderRule block = rule(BLOCK, "x.test");
        assertFalse(decide("alice@x.test", null, List.of(block), List.of(), NONE).accepted());
        assertFalse(decide("bob@x.test", null, List.of(block), List.of(), NONE).accepted());
        assertTrue(decide("alice@mail.x.test", null, List.of(block), List.of(), NONE).accepted(), "no subdomains");
        assertTrue(decide("alice@notx.test", null, List.of(block), List.of(), NONE).accepted());
    }

    @Test
    void matchingIgnoresCase() {
        SenderRule block = rule(BLOCK, "Spam@X.Test");
        assertEquals("spam@x.test", block.value());
        assertFalse(decide("SPAM@x.TEST", null, List.of(block), List.of(), NONE).accepted());
    }

    @Test
    void blockRulesMatchTheEnvelopeSenderToo() {
        SenderRule block = rule(BLOCK, "bounce.x.test");
        assertFalse(decide("friendly@y.test", "agent@bounce.x.test", List.of(block), List.of(), NONE).accepted());
    }

    @Test
    void allowlistModeAcceptsOnlyAllowedSenders() {
        SenderRule allow = rule(ALLOW, "friend.test");
        assertTrue(decide("a@friend.test", null, List.of(allow), List.of(), ALLOWLIST).accepted());
        assertFalse(decide("a@stranger.test", null, List.of(allow), List.of(), ALLOWLIST).accepted());
    }

    @Test
    void allowRulesMatchTheEnvelopeSenderToo() {
        SenderRule allow = rule(ALLOW, "list@friend.test");
        assertTrue(decide("someone@y.test", "list@friend.test", List.of(allow), List.of(), ALLOWLIST).accepted());
    }

    @Test
    void allowRulesDoNothingInNoneMode() {
        SenderRule allow = rule(ALLOW, "friend.test");
        assertTrue(decide("a@stranger.test", null, List.of(allow), List.of(), NONE).accepted());
    }

    @Test
    void blockWinsOverAllowInAllowlistMode() {
        SenderRule allow = rule(ALLOW, "friend.test");
        SenderRule block = rule(BLOCK, "mallory@friend.test");
        SenderRules.Decision decision = decide("mallory@friend.test", null, List.of(allow, block), List.of(),
                ALLOWLIST);
        assertEquals(block, decision.blockedByOrNull());
    }

    @Test
    void blockOnTheEnvelopeWinsOverAllowOnTheFrom() {
        SenderRule allow = rule(ALLOW, "friend@y.test");
        SenderRule block = rule(BLOCK, "evil.test");
        assertFalse(decide("friend@y.test", "x@evil.test", List.of(allow, block), List.of(), ALLOWLIST).accepted());
    }

    @Test
    void podRulesAddToTheAccountsRules() {
        SenderRule accountAllow = rule(ALLOW, "a.test");
        SenderRule podAllow = podRule(ALLOW, "b.test");
        SenderRule podBlock = podRule(BLOCK, "c.test");
        assertTrue(decide("x@a.test", null, List.of(accountAllow), List.of(podAllow), ALLOWLIST).accepted());
        assertTrue(decide("x@b.test", null, List.of(accountAllow), List.of(podAllow), ALLOWLIST).accepted());
        assertEquals(podBlock, decide("x@c.test", null, List.of(), List.of(podBlock), NONE).blockedByOrNull());
    }

    @Test
    void aPodBlockWinsOverAnAccountAllow() {
        SenderRule accountAllow = rule(ALLOW, "a.test");
        SenderRule podBlock = podRule(BLOCK, "x@a.test");
        assertFalse(decide("x@a.test", null, List.of(accountAllow), List.of(podBlock), ALLOWLIST).accepted());
    }

    @Test
    void missingOrOddSendersMatchNoRule() {
        SenderRule block = rule(BLOCK, "x.test");
        assertTrue(decide(null, null, List.of(block), List.of(), NONE).accepted());
        assertTrue(decide("not-an-address", "", List.of(block), List.of(), NONE).accepted());
        assertFalse(decide(null, null, List.of(rule(ALLOW, "x.test")), List.of(), ALLOWLIST).accepted());
    }

    @Test
    void valuesAreValidated() {
        assertEquals("a.b-c.test", SenderRuleValue.normalize("  A.B-C.test "));
        assertEquals("first.last+tag@x.test", SenderRuleValue.normalize("First.Last+tag@X.test"));
        for (String bad : new String[]{null, "", " ", "a@@x.test", "@x.test", "a@", "a b@x.test", "x..test",
                "-x.test", "x-.test", "x_y.test", "a@x.test.", "<a@x.test>", "a\"@x.test", "a@x.test,b@y.test",
                "a".repeat(65) + "@x.test", "a.".repeat(130) + "test", "a".repeat(64) + ".test"}) {
            assertThrows(InvalidSenderRuleException.class, () -> SenderRuleValue.normalize(bad), String.valueOf(bad));
        }
    }

    @Test
    void longHostileValuesAreRefusedQuickly() {
        assertThrows(InvalidSenderRuleException.class, () -> SenderRuleValue.normalize("a".repeat(100_000)));
        assertThrows(InvalidSenderRuleException.class, () -> SenderRuleValue.normalize("a-".repeat(120) + "!"));
    }

    @Test
    void typesAndModesReadTheirWireWords() {
        assertEquals(BLOCK, SenderRuleType.fromWire("block"));
        assertEquals(ALLOW, SenderRuleType.fromWire("allow"));
        assertThrows(InvalidSenderRuleException.class, () -> SenderRuleType.fromWire("BLOCK"));
        assertEquals(ALLOWLIST, FilterMode.fromWire("allowlist"));
        assertEquals(NONE, FilterMode.fromWire("none"));
        assertThrows(InvalidSenderRuleException.class, () -> FilterMode.fromWire("blocklist"));
        assertTrue(SenderRuleId.generate().value().startsWith("rule_"));
    }
}
