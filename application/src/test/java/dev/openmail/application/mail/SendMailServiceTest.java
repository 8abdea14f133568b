package dev.openmail.application.mail;

import dev.openmail.application.fakes.MarkingSigner;
import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.Composition;
import dev.openmail.domain.mail.DeliveryRole;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.DkimSigning;
import dev.openmail.domain.mail.IdempotencyKeyReusedException;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.MissingIdempotencyKeyException;
import dev.openmail.domain.mail.OutboxEntry;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.maildomain.DomainStatus;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.SendMail;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static dev.openmail.application.mail.MailFixture.address;
import static dev.openmail.application.mail.MailFixture.newMail;
import static dev.openmail.application.mail.MailFixture.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendMailServiceTest {

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final AccountId globex = fixture.account();
    private final Inbox sender = fixture.inbox(acme, "sender");
    private final Inbox sibling = fixture.inbox(acme, "sibling");
    private final Inbox partner = fixture.inbox(globex, "partner");

    private SendMail.Sent send(String key, OutgoingMail mail) {
        return fixture.send(owner(acme), sender, key, mail);
    }

    private Message stored(SendMail.Sent sent) {
        return fixture.store.mail().findMessage(acme, sent.messageId()).orElseThrow();
    }

    // ---- where the message goes

    @Nested
    class Delivery {

        @Test
        void aLocalRecipientOfAnotherAccountGetsAnInboundCopyAndTheMessageIsSentAtOnce() {
            SendMail.Sent sent = send("k1", newMail(address(partner), "Lunch?", "Shall we?"));

            assertEquals(MessageStatus.SENT, sent.status());
            Message outbound = stored(sent);
            assertEquals(Direction.OUTBOUND, outbound.direction());
            assertEquals(MessageStatus.SENT, outbound.status());
            assertEquals(address(sender), outbound.fromAddr());
            assertEquals(address(partner), outbound.toAddr());
            assertEquals(sent.providerMessageId(), outbound.rfcMessageId());
            assertTrue(sent.providerMessageId().endsWith("@" + MailFixture.DOMAIN), sent.providerMessageId());
            MailThread own = fixture.thread(sender, sent.threadId());
            assertTrue(own.isRead(), "the sender's own thread holds nothing new for it");
            assertEquals(1, own.messageCount());
            assertEquals("Lunch?", own.subject());

            Message copy = fixture.onlyMessage(partner);
            assertEquals(globex, copy.accountId());
            assertEquals(Direction.INBOUND, copy.direction());
            assertEquals(MessageStatus.RECEIVED, copy.status());
            assertEquals(address(sender), copy.fromAddr());
            assertEquals(DeliveryRole.TO, copy.deliveryRole());
            assertEquals("Lunch?", copy.subject());
            assertEquals("Shall we?", copy.bodyText());
            assertEquals(sent.providerMessageId(), copy.rfcMessageId());
            MailThread theirs = fixture.thread(partner, copy.threadId());
            assertFalse(theirs.isRead());
            assertTrue(fixture.outbox().isEmpty(), "nothing is left for the relay");
        }

        @Test
        void externalRecipientsWaitInTheOutboxWithTheMessagePending() {
            SendMail.Sent sent = send("k1", newMail("bob@example.com", "Offer", "Buy", "carol@example.org"));

            assertEquals(MessageStatus.PENDING, sent.status());
            assertEquals(MessageStatus.PENDING, stored(sent).status());
            List<OutboxEntry> outbox = fixture.outbox();
            assertEquals(1, outbox.size());
            OutboxEntry entry = outbox.get(0);
            assertEquals(sent.messageId(), entry.messageId());
            assertEquals(acme, entry.accountId());
            assertEquals(address(sender), entry.envelopeFrom());
            assertEquals(List.of("bob@example.com", "carol@example.org"), entry.recipients());
            assertEquals(0, entry.attempts());
            assertEquals(MailFixture.T0, entry.nextAttemptAt());
        }

        @Test
        void mixedRecipientsAreSplitBetweenDirectDeliveryAndTheOutbox() {
            SendMail.Sent sent = send("k1", newMail("bob@example.com", "Offer", "Buy",
                    address(partner), "carol@example.org", address(sibling)));

            assertEquals(MessageStatus.PENDING, sent.status());
            OutboxEntry entry = fixture.outbox().get(0);
            assertEquals(List.of("bob@example.com", "carol@example.org"), entry.recipients());
            Message partnerCopy = fixture.onlyMessage(partner);
            assertEquals(DeliveryRole.CC, partnerCopy.deliveryRole());
            assertEquals(address(sender), partnerCopy.fromAddr());
            assertEquals(DeliveryRole.CC, fixture.onlyMessage(sibling).deliveryRole());
            assertEquals(1, fixture.messages(sender).size(), "the sender keeps its one outbound message");
        }

        @Test
        void aRecipientNamedInToAndCcIsDeliveredOnce() {
            send("k1", newMail(address(partner), "Hi", "Hello", address(partner), "bob@example.com",
                    "bob@example.com"));

            assertEquals(1, fixture.messages(partner).size());
            assertEquals(List.of("bob@example.com"), fixture.outbox().get(0).recipients());
            assertEquals(List.of("bob@example.com"), fixture.composer.last().cc());
        }

        @Test
        void theComposerIsGivenTheMessageAsAsked() {
            Inbox named = fixture.namedInbox(acme, "named", "Acme Support");
            OutgoingMail mail = new OutgoingMail("bob@example.com", List.of("carol@example.org"), "Offer", "Buy now",
                    null, "replies@example.com", null, true, List.of());

            SendMail.Sent sent = fixture.send(owner(acme), named, "k1", mail);

            Composition composition = fixture.composer.last();
            assertEquals(address(named), composition.fromAddress());
            assertEquals("Acme Support", composition.fromDisplayName());
            assertEquals(List.of("bob@example.com"), composition.to());
            assertEquals(List.of("carol@example.org"), composition.cc());
            assertEquals("replies@example.com", composition.replyTo());
            assertEquals("Offer", composition.subject());
            assertEquals("Buy now", composition.bodyText());
            assertNull(composition.bodyHtml());
            assertEquals(sent.providerMessageId(), composition.rfcMessageId());
            assertNull(composition.inReplyTo());
            assertEquals(List.of(), composition.references());
            assertEquals(MailFixture.T0, composition.date());
        }

        @Test
        void anHtmlBodyGivesTheComposerTextAndHtml() {
            send("k1", newMail("bob@example.com", "News", "<p>Hello <b>there</b></p>"));

            Composition composition = fixture.composer.last();
            assertEquals("<p>Hello <b>there</b></p>", composition.bodyHtml());
            assertEquals("Hello there", composition.bodyText());
        }

        @Test
        void aGivenHtmlBodyIsKeptBesideTheTextBody() {
            send("k1", new OutgoingMail("bob@example.com", List.of(), "News", "Plain words", "<p>Rich words</p>",
                    null, null, true, List.of()));

            Composition composition = fixture.composer.last();
            assertEquals("Plain words", composition.bodyText());
            assertEquals("<p>Rich words</p>", composition.bodyHtml());
        }

        @Test
        void aNewThreadNeedsASubject() {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> send("k1", newMail("bob@example.com", null, "No subject")));

            assertEquals("subject", e.field());
            assertTrue(fixture.messages(sender).isEmpty());
            assertTrue(fixture.composer.compositions().isEmpty());
        }

        @Test
        void anUnknownInboxIsNotFound() {
            assertThrows(NotFoundException.class,
                    () -> fixture.send(owner(globex), sender, "k1", newMail("bob@example.com", "Hi", "Hello")));

            assertTrue(fixture.messages(sender).isEmpty());
        }
    }

    // ---- idempotency

    @Nested
    class Idempotency {

        private final OutgoingMail mail = newMail("bob@example.com", "Offer", "Buy", address(partner));

        @Test
        void aRepeatIsAnsweredWithTheFirstSendAndStoresNothing() {
            SendMail.Sent first = send("order-42", mail);

            SendMail.Sent again = send("order-42", newMail("bob@example.com", "Offer", "Buy", address(partner)));

            assertEquals(first, again);
            assertEquals(1, fixture.messages(sender).size());
            assertEquals(1, fixture.messages(partner).size());
            assertEquals(1, fixture.outbox().size());
            assertEquals(1, fixture.composer.compositions().size(), "nothing was written a second time");
        }

        @Test
        void aRepeatReportsTheMessagesCurrentStatus() {
            SendMail.Sent first = send("order-42", mail);
            fixture.store.mail().updateStatus(acme, first.messageId(), MessageStatus.SENT);

            assertEquals(MessageStatus.SENT, send("order-42", mail).status());
        }

        @Test
        void theSameKeyForAnotherMessageIsRefused() {
            send("order-42", mail);

            assertThrows(IdempotencyKeyReusedException.class,
                    () -> send("order-42", newMail("bob@example.com", "Offer", "Buy more", address(partner))));

            assertEquals(1, fixture.messages(sender).size());
            assertEquals(1, fixture.messages(partner).size());
            assertEquals(1, fixture.outbox().size());
        }

        /**
         * Keys are the account's, and a repeat comes from the same inbox: the same key and body from another of its
         * inboxes is refused, and tells nothing of the first send.
         */
        @Test
        void theSameKeyAndBodyFromAnotherInboxOfTheAccountIsRefused() {
            send("order-42", mail);

            IdempotencyKeyReusedException refused = assertThrows(IdempotencyKeyReusedException.class,
                    () -> fixture.send(owner(acme), sibling, "order-42", mail));

            assertFalse(refused.getMessage().contains(sender.id().value()), refused.getMessage());
            assertTrue(fixture.messages(sibling).isEmpty());
            assertEquals(1, fixture.messages(partner).size());
        }

        @Test
        void theSameKeyWithAnotherBodyFromAnotherInboxOfTheAccountIsRefused() {
            send("order-42", mail);

            assertThrows(IdempotencyKeyReusedException.class, () -> fixture.send(owner(acme), sibling, "order-42",
                    newMail("bob@example.com", "Offer", "Buy more", address(partner))));

            assertTrue(fixture.messages(sibling).isEmpty());
        }

        @Test
        void anotherAccountsSameKeyIsItsOwn() {
            SendMail.Sent fromAcme = send("order-42", mail);

            SendMail.Sent fromGlobex = fixture.send(owner(globex), partner, "order-42", mail);

            assertNotEquals(fromAcme.messageId(), fromGlobex.messageId());
            assertTrue(fixture.messages(partner).stream().anyMatch(message -> message.id().equals(fromGlobex.messageId())));
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "   "})
        void aMissingKeyIsRefused(String key) {
            assertThrows(MissingIdempotencyKeyException.class, () -> send(key, mail));

            assertTrue(fixture.messages(sender).isEmpty());
        }

        @Test
        void aKeyWithASpaceOrOverLongIsRefused() {
            for (String key : new String[]{"order 42", "x".repeat(256), "tab\tkey", "caf\u00e9"}) {
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> send(key, mail), key);
                assertEquals("Idempotency-Key", e.field());
            }
            assertTrue(fixture.messages(sender).isEmpty());
        }

        @Test
        void aKeyOf255VisibleCharactersIsTaken() {
            SendMail.Sent sent = send("~".repeat(255), mail);

            assertEquals(sent, send("~".repeat(255), mail));
        }

        @Test
        void aKeyIsRememberedForADay() {
            SendMail.Sent first = send("order-42", mail);
            fixture.clock.advance(Duration.ofHours(24));

            assertEquals(first, send("order-42", mail));
            assertEquals(1, fixture.messages(sender).size());
        }

        @Test
        void aKeyUsedAgainAfterADayIsANewSend() {
            SendMail.Sent first = send("order-42", mail);
            fixture.clock.advance(Duration.ofHours(24).plusSeconds(1));

            SendMail.Sent second = send("order-42", newMail("bob@example.com", "Other", "Another message"));

            assertNotEquals(first.messageId(), second.messageId());
            assertEquals(2, fixture.messages(sender).size());
            // And the key now answers for the new send.
            assertEquals(second, send("order-42", newMail("bob@example.com", "Other", "Another message")));
        }
    }

    // ---- replies

    @Nested
    class Replies {

        private ThreadId receivedThread() {
            fixture.receive(RawMail.from("Alice <alice@example.com>").to(address(sender)).subject("Quarterly numbers")
                    .messageId("m1@example.com").references("m0@example.com").body("Numbers attached.\nSee you"),
                    address(sender));
            return fixture.onlyMessage(sender).threadId();
        }

        @Test
        void aReplyRefersToTheLastMessageOfTheThreadAndQuotesIt() {
            ThreadId thread = receivedThread();
            fixture.clock.advance(Duration.ofMinutes(5));

            SendMail.Sent sent = send("k1", reply(thread, "alice@example.com", "Thanks"));

            assertEquals(thread, sent.threadId());
            Composition composition = fixture.composer.last();
            assertEquals("Re: Quarterly numbers", composition.subject());
            assertEquals("m1@example.com", composition.inReplyTo());
            assertEquals(List.of("m0@example.com", "m1@example.com"), composition.references());
            String quoted = composition.bodyText().replace("\r\n", "\n");
            assertTrue(quoted.startsWith("Thanks\n\nOn Wed, 1 May 2024 at 10:00 UTC, alice@example.com wrote:\n"
                    + "> Numbers attached.\n> See you\n"), quoted);
            Message outbound = stored(sent);
            assertEquals("m1@example.com", outbound.inReplyTo());
            assertEquals(List.of("m0@example.com", "m1@example.com"), outbound.references());
            assertEquals("Re: Quarterly numbers", outbound.subject());
        }

        @Test
        void aReplyMarksTheThreadReadAndCountsItself() {
            ThreadId thread = receivedThread();
            assertFalse(fixture.thread(sender, thread).isRead());
            fixture.clock.advance(Duration.ofMinutes(5));

            send("k1", reply(thread, "alice@example.com", "Thanks"));

            MailThread after = fixture.thread(sender, thread);
            assertTrue(after.isRead());
            assertEquals(2, after.messageCount());
            assertEquals(MailFixture.T0.plus(Duration.ofMinutes(5)), after.lastMessageAt());
            assertEquals(1, fixture.threads(sender).size());
        }

        @Test
        void theLatestMessageIsTheOneRepliedTo() {
            ThreadId thread = receivedThread();
            fixture.clock.advance(Duration.ofMinutes(1));
            fixture.receive(RawMail.from("alice@example.com").messageId("m2@example.com").inReplyTo("m1@example.com")
                    .references("m0@example.com", "m1@example.com").body("One more thing"), address(sender));
            fixture.clock.advance(Duration.ofMinutes(1));

            send("k1", reply(thread, "alice@example.com", "Noted"));

            Composition composition = fixture.composer.last();
            assertEquals("m2@example.com", composition.inReplyTo());
            assertEquals(List.of("m0@example.com", "m1@example.com", "m2@example.com"), composition.references());
            assertTrue(composition.bodyText().contains("> One more thing"), composition.bodyText());
            assertFalse(composition.bodyText().contains("Numbers attached"), composition.bodyText());
        }

        @Test
        void withoutTheQuoteTheBodyIsJustTheReply() {
            ThreadId thread = receivedThread();

            send("k1", new OutgoingMail("alice@example.com", List.of(), null, "Thanks", null, null, thread, false,
                    List.of()));

            Composition composition = fixture.composer.last();
            assertEquals("Thanks", composition.bodyText());
            assertNull(composition.bodyHtml());
            assertEquals("m1@example.com", composition.inReplyTo(), "the reply still refers to what it answers");
        }

        @Test
        void aSubjectAlreadyARepliesGetsNoSecondRe() {
            fixture.receive(RawMail.from("alice@example.com").subject("RE: Quarterly numbers").messageId("r@example.com"),
                    address(sender));
            ThreadId thread = fixture.onlyMessage(sender).threadId();

            send("k1", reply(thread, "alice@example.com", "Thanks"));

            assertEquals("RE: Quarterly numbers", fixture.composer.last().subject());
        }

        @Test
        void aGivenSubjectIsKeptInAReply() {
            ThreadId thread = receivedThread();

            send("k1", new OutgoingMail("alice@example.com", List.of(), "Numbers, corrected", "Thanks", null, null,
                    thread, true, List.of()));

            assertEquals("Numbers, corrected", fixture.composer.last().subject());
        }

        @Test
        void aReplyToACopyAlsoGoesToTheOriginalSender() {
            fixture.receive(RawMail.from("Bob <bob@example.com>").to("dave@example.com").cc(address(sender))
                    .subject("FYI").messageId("fyi@example.com"), address(sender));
            ThreadId thread = fixture.onlyMessage(sender).threadId();

            send("k1", reply(thread, "dave@example.com", "Noted"));

            assertEquals(List.of("bob@example.com"), fixture.composer.last().cc());
            assertEquals(List.of("dave@example.com", "bob@example.com"), fixture.outbox().get(0).recipients());
        }

        @Test
        void aReplyToMailAddressedToTheInboxCopiesNobodyExtra() {
            fixture.receive(RawMail.from("bob@example.com").to(address(sender)).cc("erin@example.com")
                    .subject("Direct").messageId("d@example.com"), address(sender));
            ThreadId thread = fixture.onlyMessage(sender).threadId();

            send("k1", reply(thread, "bob@example.com", "Noted"));

            assertEquals(List.of(), fixture.composer.last().cc());
        }

        @Test
        void theRecipientsCopyJoinsTheirThreadOfTheConversation() {
            SendMail.Sent question = send("k1", newMail(address(partner), "Lunch?", "Shall we?"));
            ThreadId partnersThread = fixture.onlyMessage(partner).threadId();
            fixture.clock.advance(Duration.ofMinutes(1));

            SendMail.Sent answer = fixture.send(owner(globex), partner, "k2",
                    reply(partnersThread, address(sender), "Yes"));

            assertEquals(partnersThread, answer.threadId());
            Message answerInSender = fixture.messages(sender).get(0);
            assertEquals(Direction.INBOUND, answerInSender.direction());
            assertEquals(question.threadId(), answerInSender.threadId());
            assertEquals(2, fixture.thread(sender, question.threadId()).messageCount());
            assertFalse(fixture.thread(sender, question.threadId()).isRead());
        }

        @Test
        void aThreadOfAnotherInboxIsNotFound() {
            fixture.receive(RawMail.from("alice@example.com").subject("Sibling's").messageId("s@example.com"),
                    address(sibling));
            ThreadId siblingsThread = fixture.onlyMessage(sibling).threadId();

            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> send("k1", reply(siblingsThread, "alice@example.com", "Hi")));

            assertTrue(e.getMessage().contains(siblingsThread.value()), e.getMessage());
            assertTrue(fixture.messages(sender).isEmpty());
            assertEquals(1, fixture.thread(sibling, siblingsThread).messageCount());
        }

        @Test
        void aThreadOfAnotherAccountIsNotFound() {
            fixture.receive(RawMail.from("alice@example.com").subject("Theirs").messageId("t@example.com"),
                    address(partner));
            ThreadId theirs = fixture.onlyMessage(partner).threadId();

            assertThrows(NotFoundException.class, () -> send("k1", reply(theirs, "alice@example.com", "Hi")));

            assertTrue(fixture.messages(sender).isEmpty());
        }
    }

    // ---- signing

    @Nested
    class Signing {

        @Test
        void mailFromAVerifiedCustomDomainIsSignedAsThatDomain() {
            MailDomain domain = fixture.domain(acme, "acme.example", DomainStatus.VERIFIED, "mail2024");
            Inbox custom = fixture.inboxOn(domain, "news");

            SendMail.Sent sent = fixture.send(owner(acme), custom, "k1", newMail("bob@example.com", "News", "Hi"));

            assertEquals(List.of(new DkimSigning("acme.example", "mail2024", "private-key-of-acme.example")),
                    fixture.signer.signings());
            String raw = new String(fixture.store.mail().findRaw(acme, sent.messageId()).orElseThrow(),
                    StandardCharsets.UTF_8);
            assertTrue(raw.startsWith(MarkingSigner.marker("acme.example", "mail2024")), raw);
            assertTrue(sent.providerMessageId().endsWith("@acme.example"), sent.providerMessageId());
        }

        @Test
        void mailFromAPendingCustomDomainGoesUnsigned() {
            MailDomain domain = fixture.domain(acme, "acme.example", DomainStatus.PENDING, "mail2024");
            Inbox custom = fixture.inboxOn(domain, "news");

            SendMail.Sent sent = fixture.send(owner(acme), custom, "k1", newMail("bob@example.com", "News", "Hi"));

            assertTrue(fixture.signer.signings().isEmpty());
            String raw = new String(fixture.store.mail().findRaw(acme, sent.messageId()).orElseThrow(),
                    StandardCharsets.UTF_8);
            assertFalse(raw.contains("DKIM-Signature"), raw);
        }

        @Test
        void mailFromTheInstallationsDomainGoesUnsigned() {
            send("k1", newMail("bob@example.com", "News", "Hi"));

            assertTrue(fixture.signer.signings().isEmpty());
        }
    }

    // ---- scoped keys

    @Nested
    class Limits {

        @Test
        void theEleventhSendOfAMinuteIsRefusedUntilTheNextMinuteAndRepeatsCountNothing() {
            fixture.sendLimits = new dev.openmail.domain.mail.SendLimits(10, 200);
            fixture.clock.set(java.time.Instant.parse("2026-12-07T12:00:15Z"));
            for (int i = 0; i < 10; i++) {
                send("k" + i, newMail("bob@example.com", "Hi " + i, "Hello"));
            }
            assertEquals(MessageStatus.PENDING, send("k0", newMail("bob@example.com", "Hi 0", "Hello")).status(),
                    "an idempotent repeat is no new send");

            dev.openmail.domain.mail.SendLimitExceededException refused = assertThrows(
                    dev.openmail.domain.mail.SendLimitExceededException.class,
                    () -> send("k10", newMail("bob@example.com", "Hi 10", "Hello")));
            assertEquals(Duration.ofSeconds(45), refused.retryAfter());
            assertTrue(refused.getMessage().contains("10 sends per minute per inbox"), refused.getMessage());
            assertEquals(10, fixture.outbox().size(), "the refused send queued nothing");

            fixture.clock.advance(Duration.ofSeconds(45));
            send("k10", newMail("bob@example.com", "Hi 10", "Hello"));
            assertEquals(11, fixture.outbox().size());
        }

        @Test
        void theDailyCapCountsEveryInboxApartAndOpensAgainAtMidnightUtc() {
            fixture.sendLimits = new dev.openmail.domain.mail.SendLimits(0, 2);
            fixture.clock.set(java.time.Instant.parse("2026-12-07T23:00:00Z"));
            send("k1", newMail("bob@example.com", "A", "Hello"));
            send("k2", newMail("bob@example.com", "B", "Hello"));
            dev.openmail.domain.mail.SendLimitExceededException refused = assertThrows(
                    dev.openmail.domain.mail.SendLimitExceededException.class,
                    () -> send("k3", newMail("bob@example.com", "C", "Hello")));
            assertEquals(Duration.ofHours(1), refused.retryAfter());
            fixture.send(owner(acme), sibling, "s1", newMail("bob@example.com", "D", "Hello")); // its own count

            fixture.clock.advance(Duration.ofHours(1));
            send("k3", newMail("bob@example.com", "C", "Hello"));
        }
    }

    @Nested
    class Suppressed {

        private void suppress(AccountId account, String address, dev.openmail.domain.suppression.SuppressionType type) {
            fixture.store.suppressions().insertIfAbsent(new dev.openmail.domain.suppression.Suppression(account, null,
                    address, type, null, java.time.Instant.EPOCH));
        }

        @Test
        void aSuppressedToOrCcIsRefusedNamingItsTypeAndNothingIsStoredOrQueued() {
            suppress(acme, "gone@example.com", dev.openmail.domain.suppression.SuppressionType.BOUNCE);

            dev.openmail.domain.suppression.RecipientSuppressedException refused = assertThrows(
                    dev.openmail.domain.suppression.RecipientSuppressedException.class,
                    () -> send("k1", newMail("bob@example.com", "Hi", "Hello", "Gone@Example.com")));

            assertEquals("gone@example.com", refused.address());
            assertEquals(dev.openmail.domain.suppression.SuppressionType.BOUNCE, refused.type());
            assertTrue(fixture.outbox().isEmpty());
            assertTrue(fixture.messages(sender).isEmpty(), "nothing is filed");
            // the same key is free for the corrected send
            assertEquals(MessageStatus.PENDING, send("k1", newMail("bob@example.com", "Hi", "Hello")).status());
        }

        @Test
        void anotherAccountsSuppressionDoesNotApply() {
            suppress(globex, "bob@example.com", dev.openmail.domain.suppression.SuppressionType.UNSUB);

            assertEquals(MessageStatus.PENDING, send("k1", newMail("bob@example.com", "Hi", "Hello")).status());
        }

        @Test
        void aLocalRecipientOnTheListIsRefusedToo() {
            suppress(acme, address(partner), dev.openmail.domain.suppression.SuppressionType.UNSUB);

            assertThrows(dev.openmail.domain.suppression.RecipientSuppressedException.class,
                    () -> send("k1", newMail(address(partner), "Hi", "Hello")));
            assertTrue(fixture.messages(partner).isEmpty());
        }
    }

    @Nested
    class ScopedKeys {

        private final OutgoingMail mail = newMail("bob@example.com", "Offer", "Buy", address(partner));

        @Test
        void theSendingInboxsKeyMaySend() {
            SendMail.Sent sent = fixture.send(inboxKey(sender), sender, "k1", mail);

            assertEquals(sender.id(), stored(sent).inboxId());
        }

        @Test
        void aKeyOfTheInboxsPodMaySend() {
            SendMail.Sent sent = fixture.send(podKey(acme, sender.podId()), sender, "k1", mail);

            assertEquals(sender.id(), stored(sent).inboxId());
        }

        @Test
        void aSiblingInboxsKeyIsRefusedAndNothingIsStored() {
            assertRefused(inboxKey(sibling));
        }

        @Test
        void aKeyOfAnotherPodIsRefusedAndNothingIsStored() {
            PodId otherPod = fixture.pod(acme);

            assertRefused(podKey(acme, otherPod));
        }

        private void assertRefused(Caller caller) {
            assertThrows(ForbiddenException.class, () -> fixture.send(caller, sender, "k1", mail));

            assertTrue(fixture.messages(sender).isEmpty());
            assertTrue(fixture.messages(partner).isEmpty());
            assertTrue(fixture.outbox().isEmpty());
            assertTrue(fixture.composer.compositions().isEmpty());
            // The key stays free for the caller that may use it.
            assertEquals(MessageStatus.PENDING, fixture.send(owner(acme), sender, "k1", mail).status());
        }
    }
}
