package dev.openmail.application.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.senderrule.FilterMode;
import dev.openmail.domain.senderrule.SenderRule;
import dev.openmail.domain.senderrule.SenderRuleType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.openmail.application.mail.MailFixture.address;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Receiving consults each recipient inbox's sender rules: the account's and its pod's, under the pod's mode if set. */
class ReceiveWithSenderRulesTest {

    private static final LocalDate TODAY = LocalDate.parse("2024-05-01");

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final PodId sales = fixture.pod(acme);
    private final Inbox support = fixture.inbox(acme, "support");
    private final Inbox seller = fixture.inbox(acme, sales, "seller");

    private SenderRule rule(PodId podOrNull, SenderRuleType type, String value) {
        SenderRule rule = SenderRule.create(acme, podOrNull, type, value, MailFixture.T0);
        fixture.store.senderRules().insert(rule);
        return rule;
    }

    /** Receives the message for the inboxes and answers how many of them stored it. */
    private int receive(String from, String envelope, Inbox... inboxes) {
        List<String> to = java.util.Arrays.stream(inboxes).map(MailFixture::address).toList();
        byte[] raw = RawMail.from(from).to(to.toArray(String[]::new)).subject("hi").body("hello").bytes();
        int before = java.util.Arrays.stream(inboxes).mapToInt(this::stored).sum();
        int took = fixture.receiver().receive(new ReceiveMail.Command(raw, envelope, to)).taken();
        assertEquals(inboxes.length, took, "every inbox takes the message, stored or dropped");
        return java.util.Arrays.stream(inboxes).mapToInt(this::stored).sum() - before;
    }

    private int stored(Inbox inbox) {
        return fixture.messages(inbox).size();
    }

    private int events(Inbox inbox) {
        return (int) fixture.store.events().ofAccount(acme, 100).stream().map(LoggedEvent::event)
                .filter(event -> event.inboxId().equals(inbox.id())).count();
    }

    @Test
    void aBlockedSenderIsStoredNowhereRecordsNoEventAndIsCounted() {
        SenderRule block = rule(null, SenderRuleType.BLOCK, "spam.test");

        assertEquals(0, receive("Bad <Bad@Spam.test>", "x@elsewhere.test", support, seller));

        assertEquals(0, stored(support));
        assertEquals(0, stored(seller));
        assertEquals(0, events(support) + events(seller));
        assertEquals(Map.of(block.id(), 2L), fixture.store.senderRules().hitsSince(acme, TODAY));
    }

    @Test
    void theEnvelopeSenderIsMatchedToo() {
        rule(null, SenderRuleType.BLOCK, "bulk@mailer.test");

        assertEquals(0, receive("friend@ok.test", "bulk@mailer.test", support));
        assertEquals(1, receive("friend@ok.test", "other@mailer.test", support));
    }

    @Test
    void aPodsBlockRuleFiltersOnlyThatPodsInboxes() {
        rule(sales, SenderRuleType.BLOCK, "spam.test");

        assertEquals(1, receive("a@spam.test", null, support, seller));

        assertEquals(1, stored(support));
        assertEquals(1, events(support));
        assertEquals(0, stored(seller));
        assertEquals(0, events(seller));
    }

    @Test
    void allowlistModeLetsOnlyAllowedSendersThrough() {
        rule(null, SenderRuleType.ALLOW, "friend.test");
        fixture.store.senderRules().setMode(acme, null, FilterMode.ALLOWLIST);

        assertEquals(2, receive("a@friend.test", null, support, seller));
        assertEquals(0, receive("a@stranger.test", null, support, seller));
        assertEquals(Map.of(), fixture.store.senderRules().hitsSince(acme, TODAY), "no rule filtered it");
    }

    @Test
    void blockWinsOverAllowInAllowlistMode() {
        rule(null, SenderRuleType.ALLOW, "friend.test");
        SenderRule block = rule(null, SenderRuleType.BLOCK, "mallory@friend.test");
        fixture.store.senderRules().setMode(acme, null, FilterMode.ALLOWLIST);

        assertEquals(0, receive("mallory@friend.test", null, support));
        assertEquals(Map.of(block.id(), 1L), fixture.store.senderRules().hitsSince(acme, TODAY));
    }

    @Test
    void aPodsModeOverridesTheAccountsAndItsAllowRulesAddToTheAccounts() {
        rule(null, SenderRuleType.ALLOW, "friend.test");
        rule(sales, SenderRuleType.ALLOW, "customer.test");
        fixture.store.senderRules().setMode(acme, sales, FilterMode.ALLOWLIST);

        assertEquals(2, receive("a@stranger.test", null, support, seller) + receive("a@friend.test", null, seller));
        assertEquals(1, stored(support), "the account's mode is none");
        assertEquals(1, stored(seller), "the pod is in allowlist mode");
        assertEquals(1, receive("b@customer.test", null, seller));

        fixture.store.senderRules().setMode(acme, null, FilterMode.ALLOWLIST);
        fixture.store.senderRules().setMode(acme, sales, FilterMode.NONE);
        assertEquals(1, receive("c@stranger.test", null, support, seller));
        assertEquals(3, stored(seller), "the pod's none overrides the account's allowlist");
        assertEquals(1, stored(support), "the account's allowlist");
    }
}
