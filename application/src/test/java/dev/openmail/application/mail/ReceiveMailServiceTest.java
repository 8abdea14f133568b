package dev.openmail.application.mail;

import dev.openmail.domain.usage.StorageQuotas;
import dev.openmail.application.fakes.SaveMailFailingOnInsert;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.AuthResult;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.DeliveryRole;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.out.AuthenticateMail;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.mail.MailFixture.address;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiveMailServiceTest {

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final AccountId globex = fixture.account();
    private final Inbox support = fixture.inbox(acme, "support");
    private final Inbox sales = fixture.inbox(acme, "sales");
    private final Inbox billing = fixture.inbox(globex, "billing");

    // ---- accepts

    @Test
    void acceptsAnInboxAddressWhateverItsCase() {
        ReceiveMailService receiver = fixture.receiver();

        assertEquals(ReceiveMail.Recipient.ACCEPTED, receiver.check("support@openmail.test"));
        assertEquals(ReceiveMail.Recipient.ACCEPTED, receiver.check("Support@OpenMail.TEST"));
        assertEquals(ReceiveMail.Recipient.ACCEPTED, receiver.check(" SUPPORT@openmail.test "));
    }

    @Test
    void refusesAddressesWithoutAnInbox() {
        ReceiveMailService receiver = fixture.receiver();

        assertEquals(ReceiveMail.Recipient.UNKNOWN, receiver.check("nobody@openmail.test"));
        assertEquals(ReceiveMail.Recipient.UNKNOWN, receiver.check("support@other.test"));
        assertEquals(ReceiveMail.Recipient.UNKNOWN, receiver.check(null));
    }

    // ---- filing

    @Test
    void storesTheMessageWithWhatItSays() {
        byte[] raw = RawMail.from("Alice <Alice@Example.com>").to(address(support)).cc("carol@example.org")
                .subject("Order 42").messageId("m1@example.com").body("Where is it?").bytes();

        int stored = fixture.receiver().receive(new ReceiveMail.Command(raw, "bounce@example.com",
                List.of(address(support)))).taken();

        assertEquals(1, stored);
        Message message = fixture.onlyMessage(support);
        assertEquals(Direction.INBOUND, message.direction());
        assertEquals(MessageStatus.RECEIVED, message.status());
        assertEquals("alice@example.com", message.fromAddr());
        assertEquals(address(support), message.toAddr());
        assertEquals(DeliveryRole.TO, message.deliveryRole());
        assertEquals(List.of("carol@example.org"), message.cc());
        assertEquals("Order 42", message.subject());
        assertEquals("m1@example.com", message.rfcMessageId());
        assertEquals(MailFixture.T0, message.createdAt());
        assertArrayEquals(raw, fixture.store.mail().findRaw(acme, message.id()).orElseThrow());
        MailThread thread = fixture.thread(support, message.threadId());
        assertEquals("Order 42", thread.subject());
        assertFalse(thread.isRead());
        assertEquals(1, thread.messageCount());
    }

    @Test
    void mailFromAnSmtpClientIsAuthenticatedAndStoredWithTraceHeadersInFront() {
        byte[] raw = RawMail.from("alice@example.com").to(address(support)).subject("Hi").body("Hello").bytes();
        List<AuthenticateMail.Request> asked = new java.util.ArrayList<>();
        ReceiveMailService receiver = new ReceiveMailService(fixture.transactions, fixture.store, fixture.store.mail(),
                fixture.store.mail(), fixture.parser, fixture.store.events(), fixture.store.senderRules(), fixture.clock, fixture.store.usage(), StorageQuotas.UNLIMITED,
                request -> {
                    asked.add(request);
                    return new AuthenticateMail.Outcome(
                            new Authentication(AuthResult.PASS, AuthResult.NONE, AuthResult.FAIL),
                            request.authservId() + "; spf=pass; dkim=none; dmarc=fail");
                }, "mx.openmail.test");

        receiver.receive(new ReceiveMail.Command(raw, "bounce@example.com", List.of(address(support)), "192.0.2.7",
                "mail.example.com"));

        assertEquals(1, asked.size());
        assertEquals("192.0.2.7", asked.get(0).clientIp());
        assertEquals("mail.example.com", asked.get(0).helo());
        assertArrayEquals(raw, asked.get(0).raw(), "the message is checked as the client sent it");
        Message message = fixture.onlyMessage(support);
        assertEquals(new Authentication(AuthResult.PASS, AuthResult.NONE, AuthResult.FAIL), message.authentication());
        String stored = new String(fixture.store.mail().findRaw(acme, message.id()).orElseThrow(),
                StandardCharsets.US_ASCII);
        assertTrue(stored.startsWith("Received: from mail.example.com ([192.0.2.7])"), stored);
        assertTrue(stored.contains("\nAuthentication-Results: mx.openmail.test; spf=pass; dkim=none; dmarc=fail"),
                stored);
        assertTrue(stored.endsWith(new String(raw, StandardCharsets.US_ASCII)), "the message follows unchanged");
        assertEquals("Hi", message.subject());
    }

    @Test
    void mailNotFromAnSmtpClientIsStoredAsGivenWithoutVerdicts() {
        byte[] raw = RawMail.from("alice@example.com").to(address(support)).subject("Hi").body("Hello").bytes();
        fixture.receiver().receive(new ReceiveMail.Command(raw, null, List.of(address(support))));
        Message message = fixture.onlyMessage(support);
        assertNull(message.authentication());
        assertArrayEquals(raw, fixture.store.mail().findRaw(acme, message.id()).orElseThrow());
    }

    @Test
    void withoutAFromHeaderTheEnvelopeSenderIsTheSender() {
        byte[] raw = "To: support@openmail.test\r\nSubject: No from\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);

        fixture.receiver().receive(new ReceiveMail.Command(raw, "envelope@example.com", List.of(address(support))));

        assertEquals("envelope@example.com", fixture.onlyMessage(support).fromAddr());
    }

    @Test
    void aMessageForInboxesOfTwoAccountsIsStoredOnceInEach() {
        int stored = fixture.receive(RawMail.from("alice@example.com").to(address(support), address(billing))
                .messageId("m1@example.com"), address(support), address(billing));

        assertEquals(2, stored);
        Message inSupport = fixture.onlyMessage(support);
        Message inBilling = fixture.onlyMessage(billing);
        assertEquals(acme, inSupport.accountId());
        assertEquals(globex, inBilling.accountId());
        assertNotEquals(inSupport.id(), inBilling.id());
        assertNotEquals(inSupport.threadId(), inBilling.threadId());
        MailThread supportThread = fixture.thread(support, inSupport.threadId());
        MailThread billingThread = fixture.thread(billing, inBilling.threadId());
        assertFalse(supportThread.isRead());
        assertFalse(billingThread.isRead());
        assertEquals(support.id(), supportThread.inboxId());
        assertEquals(billing.id(), billingThread.inboxId());
        // The other account cannot see the copy it did not get.
        assertTrue(fixture.store.mail().findMessage(globex, inSupport.id()).isEmpty());
    }

    @Test
    void aRecipientNamedTwiceOrInAnotherCaseGetsOneCopy() {
        int stored = fixture.receive(RawMail.from("alice@example.com").to(address(support)),
                address(support), "SUPPORT@openmail.test", address(support));

        assertEquals(1, stored);
        assertEquals(1, fixture.messages(support).size());
        assertEquals(1, fixture.threads(support).size());
    }

    @Test
    void anUnknownRecipientAmongKnownOnesIsSkipped() {
        int stored = fixture.receive(RawMail.from("alice@example.com").to(address(support)),
                "gone@openmail.test", address(support), address(sales));

        assertEquals(2, stored);
        assertEquals(1, fixture.messages(support).size());
        assertEquals(1, fixture.messages(sales).size());
    }

    @Test
    void mailForNobodyKnownStoresNothing() {
        int stored = fixture.receive(RawMail.from("alice@example.com").to("gone@openmail.test"),
                "gone@openmail.test", "left@openmail.test");

        assertEquals(0, stored);
        for (Inbox inbox : List.of(support, sales, billing)) {
            assertTrue(fixture.messages(inbox).isEmpty());
            assertTrue(fixture.threads(inbox).isEmpty());
        }
    }

    @Test
    void aCopyForAnInboxOnlyCopiedIsMarkedSo() {
        fixture.receive(RawMail.from("bob@example.com").to("someone@example.com").cc(address(support)),
                address(support));
        fixture.receive(RawMail.from("bob@example.com").to("someone@example.com"), address(sales));

        assertEquals(DeliveryRole.CC, fixture.onlyMessage(support).deliveryRole());
        assertNull(fixture.onlyMessage(sales).deliveryRole(), "a blind copy names no role");
    }

    // ---- threading

    @Test
    void aReplyJoinsTheThreadOfTheMessageItRepliesTo() {
        fixture.receive(RawMail.from("alice@example.com").subject("Order").messageId("m1@example.com"),
                address(support));
        ThreadId first = fixture.onlyMessage(support).threadId();
        fixture.markRead(support, first);
        assertTrue(fixture.thread(support, first).isRead());
        fixture.clock.advance(Duration.ofMinutes(5));

        fixture.receive(RawMail.from("alice@example.com").subject("Re: Order").messageId("m2@example.com")
                .inReplyTo("m1@example.com"), address(support));

        assertEquals(1, fixture.threads(support).size());
        MailThread thread = fixture.thread(support, first);
        assertEquals(2, thread.messageCount());
        assertFalse(thread.isRead(), "something new arrived in it");
        assertEquals(MailFixture.T0.plus(Duration.ofMinutes(5)), thread.lastMessageAt());
        assertEquals("Order", thread.subject(), "the thread keeps the subject it was opened with");
    }

    @Test
    void inReplyToWinsOverReferences() {
        fixture.receive(RawMail.from("alice@example.com").subject("A").messageId("a@example.com"), address(support));
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.receive(RawMail.from("alice@example.com").subject("B").messageId("b@example.com"), address(support));
        ThreadId threadA = threadOf(support, "a@example.com");
        fixture.clock.advance(Duration.ofMinutes(1));

        fixture.receive(RawMail.from("alice@example.com").messageId("c@example.com").inReplyTo("a@example.com")
                .references("b@example.com"), address(support));

        assertEquals(threadA, threadOf(support, "c@example.com"));
    }

    @Test
    void withoutAKnownInReplyToTheLastKnownReferenceDecides() {
        fixture.receive(RawMail.from("alice@example.com").subject("A").messageId("a@example.com"), address(support));
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.receive(RawMail.from("alice@example.com").subject("B").messageId("b@example.com"), address(support));
        ThreadId threadB = threadOf(support, "b@example.com");
        fixture.clock.advance(Duration.ofMinutes(1));

        fixture.receive(RawMail.from("alice@example.com").messageId("c@example.com").inReplyTo("unknown@example.com")
                .references("a@example.com", "b@example.com", "never-seen@example.com"), address(support));

        assertEquals(threadB, threadOf(support, "c@example.com"));
        assertEquals(2, fixture.threads(support).size());
    }

    @Test
    void aMessageReferringToNothingKnownOpensAThread() {
        fixture.receive(RawMail.from("alice@example.com").subject("A").messageId("a@example.com"), address(support));
        fixture.clock.advance(Duration.ofMinutes(1));

        fixture.receive(RawMail.from("alice@example.com").subject("Re: something").messageId("c@example.com")
                .inReplyTo("x@example.com").references("y@example.com"), address(support));

        assertEquals(2, fixture.threads(support).size());
        assertNotEquals(threadOf(support, "a@example.com"), threadOf(support, "c@example.com"));
        assertEquals("Re: something", fixture.thread(support, threadOf(support, "c@example.com")).subject());
    }

    @Test
    void aReplyToMailSentFromTheInboxJoinsTheSentThread() {
        var sent = fixture.send(owner(acme), support, "k1", MailFixture.newMail("alice@example.com", "Offer", "Hi"));
        fixture.clock.advance(Duration.ofMinutes(1));

        fixture.receive(RawMail.from("alice@example.com").messageId("answer@example.com")
                .inReplyTo(sent.providerMessageId()), address(support));

        assertEquals(sent.threadId(), threadOf(support, "answer@example.com"));
        assertEquals(2, fixture.thread(support, sent.threadId()).messageCount());
    }

    @Test
    void neverJoinsAThreadOfAnotherInbox() {
        fixture.receive(RawMail.from("alice@example.com").subject("A").messageId("a@example.com"), address(sales));
        fixture.receive(RawMail.from("alice@example.com").subject("A").messageId("a@example.com"), address(billing));
        fixture.clock.advance(Duration.ofMinutes(1));

        fixture.receive(RawMail.from("alice@example.com").messageId("c@example.com").inReplyTo("a@example.com")
                .references("a@example.com"), address(support));

        Message reply = fixture.onlyMessage(support);
        MailThread thread = fixture.thread(support, reply.threadId());
        assertEquals(support.id(), thread.inboxId());
        assertEquals(1, thread.messageCount());
        assertEquals(1, fixture.thread(sales, fixture.onlyMessage(sales).threadId()).messageCount());
        assertEquals(1, fixture.thread(billing, fixture.onlyMessage(billing).threadId()).messageCount());
    }

    @Test
    void oneMessageForTwoInboxesJoinsEachInboxsOwnThread() {
        fixture.receive(RawMail.from("alice@example.com").subject("A").messageId("a@example.com"), address(support));
        ThreadId supportThread = threadOf(support, "a@example.com");
        fixture.clock.advance(Duration.ofMinutes(1));

        fixture.receive(RawMail.from("alice@example.com").messageId("c@example.com").inReplyTo("a@example.com"),
                address(support), address(sales));

        assertEquals(supportThread, threadOf(support, "c@example.com"));
        MailThread salesThread = fixture.thread(sales, threadOf(sales, "c@example.com"));
        assertEquals(sales.id(), salesThread.inboxId());
        assertEquals(1, salesThread.messageCount());
    }

    // ---- all or nothing

    @Test
    void aFailureForTheSecondInboxTakesBackTheFirst() {
        ReceiveMailService receiver = new ReceiveMailService(fixture.transactions, fixture.store, fixture.store.mail(),
                new SaveMailFailingOnInsert(fixture.store.mail(), 2), fixture.parser, fixture.store.events(),
                fixture.store.senderRules(), fixture.clock, fixture.store.usage(), StorageQuotas.UNLIMITED);
        byte[] raw = RawMail.from("alice@example.com").to(address(support), address(billing)).bytes();

        assertThrows(IllegalStateException.class, () -> receiver.receive(new ReceiveMail.Command(raw,
                "bounce@example.com", List.of(address(support), address(billing)))));

        for (Inbox inbox : List.of(support, billing)) {
            assertTrue(fixture.messages(inbox).isEmpty(), "no message may stay in " + inbox.address());
            assertTrue(fixture.threads(inbox).isEmpty(), "no thread may stay in " + inbox.address());
        }
    }

    private ThreadId threadOf(Inbox inbox, String rfcMessageId) {
        return fixture.messages(inbox).stream().filter(message -> rfcMessageId.equals(message.rfcMessageId()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + rfcMessageId + " in " + inbox.address()))
                .threadId();
    }
}
