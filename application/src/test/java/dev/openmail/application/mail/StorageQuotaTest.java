package dev.openmail.application.mail;

import dev.openmail.application.account.RecentKeys;
import dev.openmail.application.fakes.Callers;
import dev.openmail.application.inbox.DeleteInboxService;
import dev.openmail.application.usage.GetUsageService;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.port.in.GetUsage;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.usage.InboxUsage;
import dev.openmail.domain.usage.StorageQuota;
import dev.openmail.domain.usage.StorageQuotaExceededException;
import dev.openmail.domain.usage.StorageQuotas;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.openmail.application.mail.MailFixture.address;
import static dev.openmail.application.mail.MailFixture.newMail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage is counted as mail is filed, and quotas refuse what does not fit, storing nothing for anyone. */
class StorageQuotaTest {

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final Inbox support = fixture.inbox(acme, "support");
    private final Inbox billing = fixture.inbox(acme, "billing");
    private final AccountId other = fixture.account();
    private final Inbox elsewhere = fixture.inbox(other, "elsewhere");

    private ReceiveMail.Receipt receive(int bodyBytes, Inbox... inboxes) {
        List<String> to = java.util.Arrays.stream(inboxes).map(MailFixture::address).toList();
        byte[] raw = RawMail.from("alice@example.com").to(to.toArray(String[]::new)).subject("hi")
                .body("x".repeat(bodyBytes)).bytes();
        return fixture.receiver().receive(new ReceiveMail.Command(raw, "bounce@example.com", to));
    }

    private static int sizeOf(int bodyBytes, Inbox... inboxes) {
        List<String> to = java.util.Arrays.stream(inboxes).map(MailFixture::address).toList();
        return RawMail.from("alice@example.com").to(to.toArray(String[]::new)).subject("hi")
                .body("x".repeat(bodyBytes)).bytes().length;
    }

    private InboxUsage usageOf(Inbox inbox) {
        return fixture.store.usage().ofInboxes(inbox.accountId(), List.of(inbox.id())).stream().findFirst()
                .orElse(InboxUsage.none(inbox.id(), inbox.podId()));
    }

    @Test
    void receivingCountsEachCopyInItsInboxAndAccount() {
        assertEquals(2, receive(10, support, billing).taken());

        int size = sizeOf(10, support, billing);
        assertEquals(new InboxUsage(support.id(), support.podId(), 1, 0, size), usageOf(support));
        assertEquals(new InboxUsage(billing.id(), billing.podId(), 1, 0, size), usageOf(billing));
        assertEquals(2L * size, fixture.store.usage().totals(acme).storedBytes());
    }

    @Test
    void aMessageThatDoesNotFitOneInboxIsStoredForNobody() {
        int size = sizeOf(100, support, billing);
        fixture.quotas = new StorageQuotas(StorageQuota.UNLIMITED, new StorageQuota(size + 10));
        assertEquals(ReceiveMail.Recipient.ACCEPTED, fixture.receiver().check(address(support)));
        assertEquals(1, receive(100, support).taken());

        ReceiveMail.Receipt refused = receive(100, support, billing);

        assertEquals(ReceiveMail.Refusal.FULL, refused.refusalOrNull());
        assertEquals(0, refused.taken());
        assertEquals(1, fixture.messages(support).size());
        assertTrue(fixture.messages(billing).isEmpty(), "nothing half-stored");
        assertEquals(0, usageOf(billing).storedBytes());
        assertEquals(1, receive(100, billing).taken(), "the other inbox still has room");
    }

    @Test
    void anInboxAtItsQuotaIsFullAtRcptAndAMessageLargerThanTheQuotaNeverFits() {
        int size = sizeOf(100, support);
        fixture.quotas = new StorageQuotas(StorageQuota.UNLIMITED, new StorageQuota(size));
        assertEquals(ReceiveMail.Refusal.TOO_LARGE, receive(101, support).refusalOrNull());
        assertEquals(1, receive(100, support).taken());

        assertEquals(ReceiveMail.Recipient.FULL, fixture.receiver().check(address(support)));
        assertEquals(ReceiveMail.Recipient.ACCEPTED, fixture.receiver().check(address(billing)));
        assertEquals(ReceiveMail.Recipient.UNKNOWN, fixture.receiver().check("nobody@" + MailFixture.DOMAIN));
    }

    @Test
    void theAccountsQuotaCountsAllItsInboxesAndTheOperatorsOverrideWins() {
        int size = sizeOf(100, support);
        fixture.quotas = new StorageQuotas(new StorageQuota(size), StorageQuota.UNLIMITED);
        assertEquals(1, receive(100, support).taken());
        assertEquals(ReceiveMail.Recipient.FULL, fixture.receiver().check(address(billing)), "the account is full");
        assertEquals(ReceiveMail.Refusal.FULL, receive(100, billing).refusalOrNull());
        assertEquals(1, receive(90, elsewhere).taken(), "another account is not held back");

        fixture.store.update(fixture.store.find(acme).orElseThrow().withStorageQuota(new StorageQuota(10L * size)));
        assertEquals(1, receive(100, billing).taken());
    }

    @Test
    void sendingCountsTheSentCopyAndTheLocalRecipientsAndIsRefusedWhenOneDoesNotFit() {
        Caller owner = Callers.owner(acme);
        fixture.send(owner, support, "k1", newMail(address(billing), "Hi", "Hello"));
        assertEquals(1, usageOf(support).outboundMessages());
        assertEquals(1, usageOf(billing).inboundMessages());
        long sentBytes = usageOf(support).storedBytes();
        assertTrue(sentBytes > 0);

        fixture.quotas = new StorageQuotas(StorageQuota.UNLIMITED, new StorageQuota(sentBytes + 10));
        StorageQuotaExceededException refused = assertThrows(StorageQuotaExceededException.class,
                () -> fixture.send(owner, support, "k2", newMail("bob@example.com", "Again", "Hello")));
        assertTrue(refused.getMessage().contains("this inbox"), refused.getMessage());
        assertEquals(1, fixture.messages(support).size(), "nothing stored");
        assertTrue(fixture.outbox().isEmpty(), "nothing queued for the refused send");

        fixture.quotas = StorageQuotas.UNLIMITED;
        fixture.send(owner, support, "k3", newMail("bob@example.com", "Again", "Hello"));
        fixture.quotas = new StorageQuotas(StorageQuota.UNLIMITED,
                new StorageQuota(usageOf(support).storedBytes() + 10));
        StorageQuotaExceededException recipientFull = assertThrows(StorageQuotaExceededException.class,
                () -> fixture.send(Callers.owner(other), elsewhere, "k4", newMail(address(support), "Hi", "x")));
        assertTrue(recipientFull.getMessage().contains(address(support)), recipientFull.getMessage());
    }

    @Test
    void deletingAnInboxGivesItsBytesBackToTheAccount() {
        receive(100, support);
        receive(100, billing);
        long billingBytes = usageOf(billing).storedBytes();
        assertEquals(billingBytes + usageOf(support).storedBytes(), fixture.store.usage().totals(acme).storedBytes());

        new DeleteInboxService(fixture.transactions, fixture.store, fixture.store, fixture.store.usage(),
                new RecentKeys())
                .delete(Callers.owner(acme), support.id());

        assertEquals(billingBytes, fixture.store.usage().totals(acme).storedBytes());
        assertEquals(1, fixture.store.usage().totals(acme).inboundMessages());
    }

    @Test
    void usageListsWhatEachKeyMaySeeWithTheAccountsTotalsForAnAccountWideKeyOnly() {
        receive(10, support);
        fixture.quotas = new StorageQuotas(new StorageQuota(5000), new StorageQuota(1000));
        GetUsageService usage = new GetUsageService(fixture.transactions, fixture.store, fixture.store,
                fixture.store.usage(), fixture.quotas);

        GetUsage.Usage all = usage.usage(Callers.owner(acme), null, PageRequest.firstPage());
        assertEquals(2, all.inboxes().total());
        assertEquals(List.of(support.id(), billing.id()),
                all.inboxes().items().stream().map(InboxUsage::inboxId).toList());
        assertEquals(1, all.inboxes().items().get(0).inboundMessages());
        assertEquals(0, all.inboxes().items().get(1).storedBytes());
        assertEquals(1, all.accountOrNull().inboundMessages());
        assertEquals(new StorageQuota(5000), all.accountOrNull().quota());
        assertEquals(new StorageQuota(1000), all.inboxQuota());

        Caller inboxKey = new Caller(acme, ApiKeyId.generate(), KeyScope.inbox(billing.podId(), billing.id()));
        GetUsage.Usage one = usage.usage(inboxKey, null, PageRequest.firstPage());
        assertEquals(List.of(billing.id()), one.inboxes().items().stream().map(InboxUsage::inboxId).toList());
        assertNull(one.accountOrNull());
    }
}
