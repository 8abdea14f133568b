package dev.openmail.application.mail;

import dev.openmail.application.UseCases;
import dev.openmail.application.extraction.ExtractAttachmentsService;
import dev.openmail.application.fakes.Callers;
import dev.openmail.application.fakes.FakeDnsLookup;
import dev.openmail.application.fakes.InMemoryPorts;
import dev.openmail.application.fakes.MutableClock;
import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.ColdOutreachLimitExceededException;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.SendLimitExceededException;
import dev.openmail.domain.mail.SendLimitOverrides;
import dev.openmail.domain.mail.SendLimits;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.maildomain.PendingDomains;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.in.ManageSendLimits;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.in.SendMail;
import dev.openmail.domain.usage.StorageQuotas;
import dev.openmail.application.webhook.DeliverWebhooksService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cold-outreach caps and the operator's per-account send limits, through the use cases as UseCases builds them. */
class ColdOutreachTest {

    private static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");
    private static final long DAY = SendLimits.dayStart(NOON);
    /** The page's Free plan, with the burst and daily caps off so that only the cold caps decide. */
    private static final SendLimits COLD_ONLY = new SendLimits(0, 0, 20, 30, 100);

    private final MailFixture rows = new MailFixture();
    private final MutableClock clock = rows.clock;
    private final AtomicInteger keys = new AtomicInteger();
    private UseCases useCases = with(COLD_ONLY);

    {
        clock.set(NOON);
    }

    private UseCases with(SendLimits limits) {
        return new UseCases(InMemoryPorts.over(rows.store, rows.transactions, new FakeDnsLookup()),
                new UseCases.Settings(new InstallationDomain(new DomainName(MailFixture.DOMAIN)),
                        new MxHost(new DomainName("mx." + MailFixture.DOMAIN)), new InboxLimit(50),
                        new DeliverOutboxService.Retry(Duration.ofSeconds(30), Duration.ofHours(1), 12),
                        DeliverWebhooksService.Settings.DEFAULT, PendingDomains.DEFAULT, StorageQuotas.UNLIMITED,
                        ExtractAttachmentsService.Settings.DEFAULT, limits),
                clock);
    }

    private AccountId account(Duration age) {
        Account account = Account.open(null, new InboxLimit(50), NOON.minus(age));
        rows.store.insert(account);
        rows.store.insert(Pod.createDefault(account.id(), account.createdAt()));
        return account.id();
    }

    private Inbox inbox(AccountId account, String mailbox, Duration age) {
        Inbox inbox = Inbox.create(account, rows.defaultPod(account),
                EmailAddress.of(mailbox + "@" + MailFixture.DOMAIN), null, null, null, NOON.minus(age));
        rows.store.insert(inbox);
        return inbox;
    }

    private SendMail.Sent send(Inbox from, OutgoingMail mail) {
        return useCases.sendMail().send(new SendMail.Command(Callers.owner(from.accountId()), from.id(),
                "k" + keys.incrementAndGet(), mail));
    }

    private SendMail.Sent sendTo(Inbox from, String to, String... cc) {
        return send(from, MailFixture.newMail(to, "Hello", "Hi", cc));
    }

    private ColdOutreachLimitExceededException refusedTo(Inbox from, String to, String... cc) {
        return assertThrows(ColdOutreachLimitExceededException.class, () -> sendTo(from, to, cc));
    }

    private void coldSends(Inbox from, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            sendTo(from, prefix + i + "@example.com");
        }
    }

    private void writesIn(String sender, Inbox to) {
        byte[] raw = RawMail.from(sender).to(MailFixture.address(to)).subject("Question").bytes();
        useCases.receiveMail().receive(new ReceiveMail.Command(raw, "bounce@example.com",
                List.of(MailFixture.address(to))));
    }

    @Test
    void aNewInboxSendsTwentyColdADayAndTheTwentyFirstWaitsForMidnightUtc() {
        Inbox inbox = inbox(account(Duration.ofDays(1)), "new", Duration.ofHours(1));
        coldSends(inbox, "lead", 20);

        ColdOutreachLimitExceededException refused = refusedTo(inbox, "lead20@example.com");

        assertEquals(Duration.ofHours(12), refused.retryAfter(), "until 00:00 UTC");
        assertTrue(refused.getMessage().startsWith("20 cold sends per day (UTC) per inbox in its first 30 days"),
                refused.getMessage());
        assertEquals(20, rows.outbox().size(), "the refused send queued nothing");
        assertEquals(20, rows.messages(inbox).size(), "and filed nothing");

        clock.advance(Duration.ofHours(12));
        sendTo(inbox, "lead20@example.com");
        assertEquals(21, rows.outbox().size(), "a new UTC day counts from 0");
    }

    @Test
    void aReplyToSomeoneWhoWroteInPassesWhenTheCapIsFull() {
        Inbox inbox = inbox(account(Duration.ofDays(1)), "new", Duration.ofHours(1));
        writesIn("alice@example.com", inbox);
        coldSends(inbox, "lead", 20);
        refusedTo(inbox, "stranger@example.com");

        sendTo(inbox, "Alice@Example.com");
        send(inbox, MailFixture.reply(rows.threads(inbox).stream()
                .filter(thread -> thread.subject().equals("Question")).findFirst().orElseThrow().id(),
                "alice@example.com", "Answer"));

        assertEquals(20, rows.store.coldOutreach().countedForInbox(inbox.accountId(), inbox.id(), DAY),
                "warm sends count no cold send");
        refusedTo(inbox, "stranger@example.com", "alice@example.com");
    }

    @Test
    void anInboxOlderThanThirtyDaysHasNoColdCapOfItsOwn() {
        Inbox inbox = inbox(account(Duration.ofDays(1)), "old", Duration.ofDays(30).plusSeconds(1));
        coldSends(inbox, "lead", 30);

        ColdOutreachLimitExceededException refused = refusedTo(inbox, "lead30@example.com");
        assertTrue(refused.getMessage().startsWith("30 cold sends per day (UTC) per account in its first 30 days"),
                "only the account's cap is left: " + refused.getMessage());
    }

    @Test
    void theAccountCapCountsAllItsInboxesTogether() {
        AccountId account = account(Duration.ofDays(1));
        Inbox first = inbox(account, "first", Duration.ofHours(1));
        Inbox second = inbox(account, "second", Duration.ofHours(1));
        Inbox otherAccounts = inbox(account(Duration.ofDays(1)), "other", Duration.ofHours(1));
        coldSends(first, "a", 15);
        coldSends(second, "b", 15);

        ColdOutreachLimitExceededException refused = refusedTo(second, "b15@example.com");
        assertTrue(refused.getMessage().startsWith("30 cold sends per day (UTC) per account in its first 30 days"),
                refused.getMessage());
        assertEquals(15, rows.store.coldOutreach().countedForInbox(account, second.id(), DAY),
                "the inbox's count is taken back with the refused send");
        coldSends(otherAccounts, "c", 20); // another account counts apart
    }

    @Test
    void anAccountOlderThanThirtyDaysSendsTheLargerAccountCap() {
        useCases = with(new SendLimits(0, 0, 0, 30, 100));
        AccountId account = account(Duration.ofDays(31));
        Inbox first = inbox(account, "first", Duration.ofDays(31));
        Inbox second = inbox(account, "second", Duration.ofDays(31));
        coldSends(first, "a", 60);
        coldSends(second, "b", 40);

        ColdOutreachLimitExceededException refused = refusedTo(first, "a60@example.com");
        assertEquals("100 cold sends per day (UTC) per account; this message has 1 cold recipient (each counts) and"
                + " was not sent. Retry after 00:00 UTC (in 43200 s).", refused.getMessage());
    }

    @Test
    void recipientsOnThisInstallationAreNeverCold() {
        useCases = with(new SendLimits(0, 0, 1, 1, 1));
        AccountId account = account(Duration.ofDays(1));
        Inbox inbox = inbox(account, "new", Duration.ofHours(1));
        Inbox colleague = inbox(account, "colleague", Duration.ofHours(1));
        Inbox elsewhere = inbox(account(Duration.ofDays(1)), "elsewhere", Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            sendTo(inbox, MailFixture.address(colleague), MailFixture.address(elsewhere));
        }
        sendTo(inbox, "one@example.com", MailFixture.address(colleague));

        assertEquals(1, rows.store.coldOutreach().countedForInbox(account, inbox.id(), DAY));
        assertTrue(rows.store.coldOutreach().warmAmong(account, colleague.id(), List.of(MailFixture.address(inbox)))
                        .contains(MailFixture.address(inbox)),
                "a copy filed in another inbox of this installation makes its sender a correspondent");
    }

    @Test
    void eachColdRecipientCountsAndAMessageOverTheCapIsRefusedWholeCountingNothing() {
        AccountId account = account(Duration.ofDays(1));
        Inbox inbox = inbox(account, "new", Duration.ofHours(1));
        coldSends(inbox, "lead", 18);

        ColdOutreachLimitExceededException refused = refusedTo(inbox, "x@example.com", "y@example.com",
                "z@example.com");
        assertTrue(refused.getMessage().contains("this message has 3 cold recipients"), refused.getMessage());
        assertEquals(18, rows.store.coldOutreach().countedForInbox(account, inbox.id(), DAY));
        assertEquals(18, rows.store.coldOutreach().countedForAccount(account, DAY));
        assertEquals(18, rows.messages(inbox).size());

        sendTo(inbox, "x@example.com", "Y@example.com", "y@example.com"); // the same address twice is one
        assertEquals(20, rows.store.coldOutreach().countedForInbox(account, inbox.id(), DAY));
        refusedTo(inbox, "z@example.com");
    }

    @Test
    void anIdempotentRepeatCountsNothing() {
        Inbox inbox = inbox(account(Duration.ofDays(1)), "new", Duration.ofHours(1));
        OutgoingMail mail = MailFixture.newMail("lead@example.com", "Hello", "Hi", "other@example.com");
        for (int i = 0; i < 3; i++) {
            useCases.sendMail().send(new SendMail.Command(Callers.owner(inbox.accountId()), inbox.id(), "same", mail));
        }
        assertEquals(2, rows.store.coldOutreach().countedForInbox(inbox.accountId(), inbox.id(), DAY));
    }

    @Test
    void theOperatorRaisesLowersAndLiftsAnAccountsCaps() {
        AccountId account = account(Duration.ofDays(1));
        Inbox inbox = inbox(account, "new", Duration.ofHours(1));
        ManageSendLimits limits = useCases.manageSendLimits();

        ManageSendLimits.View raised = limits.put(account, new SendLimitOverrides(null, null, 25, 40, null));
        assertEquals(new SendLimits(0, 0, 25, 40, 100), raised.effective());
        assertEquals(raised, limits.get(account));
        coldSends(inbox, "lead", 25);
        assertTrue(refusedTo(inbox, "lead25@example.com").getMessage().startsWith("25 cold sends per day"));

        limits.put(account, new SendLimitOverrides(null, null, 0, 0, null));
        coldSends(inbox, "more", 30);

        limits.put(account, new SendLimitOverrides(1, null, null, null, null));
        clock.advance(Duration.ofDays(1));
        sendTo(inbox, "first@example.com");
        assertThrows(SendLimitExceededException.class, () -> sendTo(inbox, "second@example.com"),
                "the override sets a burst cap the installation does not have");

        limits.put(account, SendLimitOverrides.NONE);
        assertEquals(new ManageSendLimits.View(account, COLD_ONLY, SendLimitOverrides.NONE), limits.get(account));
    }

    @Test
    void anOverrideIsZeroOrMoreAndOfAnAccountThatExists() {
        InvalidInputException negative = assertThrows(InvalidInputException.class,
                () -> new SendLimitOverrides(null, -1, null, null, null));
        assertEquals("dailyPerInbox", negative.field());
        assertThrows(NotFoundException.class, () -> useCases.manageSendLimits().get(AccountId.generate()));
        assertThrows(NotFoundException.class, () -> useCases.manageSendLimits().put(AccountId.generate(),
                SendLimitOverrides.NONE));
    }
}
