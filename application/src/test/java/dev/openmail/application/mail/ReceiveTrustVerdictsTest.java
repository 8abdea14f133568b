package dev.openmail.application.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.AuthResult;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.SpamVerdict;
import dev.openmail.domain.maildomain.DomainStatus;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.out.AuthenticateMail;
import dev.openmail.domain.port.out.ScanMail;
import dev.openmail.domain.usage.StorageQuotas;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spoofed local senders and the spam scanner, on in-memory fakes. */
class ReceiveTrustVerdictsTest {

    private static final Authentication NO_DMARC = new Authentication(AuthResult.NONE, AuthResult.NONE,
            AuthResult.NONE);

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final AccountId globex = fixture.account();
    private final Inbox support = fixture.inbox(acme, "support");
    private final Inbox billing = fixture.inbox(globex, "billing");
    private final List<ScanMail.Request> scanned = new ArrayList<>();

    private ReceiveMailService receiver(Authentication verdicts, ScanMail scanner) {
        return new ReceiveMailService(fixture.transactions, fixture.store, fixture.store.mail(), fixture.store.mail(),
                fixture.parser, fixture.store.events(), fixture.store.senderRules(), fixture.clock,
                fixture.store.usage(), StorageQuotas.UNLIMITED,
                request -> new AuthenticateMail.Outcome(verdicts, request.authservId() + "; none"), "mx.openmail.test",
                fixture.store, fixture.store.domains(), MailFixture.DOMAIN, scanner);
    }

    private static ReceiveMail.Command fromClient(String from, String... to) {
        return new ReceiveMail.Command(RawMail.from(from).to(to).subject("s").body("b").bytes(), from, List.of(to),
                "192.0.2.7", "mail.example.com");
    }

    @Test
    void mailFromOutsideClaimingTheInstallationsDomainOrAVerifiedOneIsFlagged() {
        fixture.domain(globex, "globex.example", DomainStatus.VERIFIED, "s1");
        fixture.domain(globex, "pending.example", DomainStatus.PENDING, "s2");
        ReceiveMailService receiver = receiver(NO_DMARC, ScanMail.NONE);

        receiver.receive(fromClient("ceo@" + MailFixture.DOMAIN, address(support)));
        receiver.receive(fromClient("boss@globex.example", address(support)));
        receiver.receive(fromClient("x@pending.example", address(support)));
        receiver.receive(fromClient("x@stranger.example", address(support)));

        List<Message> messages = fixture.messages(support);
        assertEquals(List.of(true, true, false, false), List.of(spoofed(messages, "ceo@" + MailFixture.DOMAIN),
                spoofed(messages, "boss@globex.example"), spoofed(messages, "x@pending.example"),
                spoofed(messages, "x@stranger.example")));
        assertTrue(fixture.store.events().ofAccount(acme, 10).stream()
                .filter(e -> e.event().message().from().equals("boss@globex.example"))
                .allMatch(e -> e.event().message().authentication().spoofedLocalSender()), "the event says so too");
    }

    @Test
    void withoutAFromHeaderTheEnvelopeSenderShownInItsPlaceIsChecked() {
        receiver(NO_DMARC, ScanMail.NONE).receive(new ReceiveMail.Command(
                "Subject: no From\r\n\r\nhello\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "ceo@" + MailFixture.DOMAIN, List.of(address(support)), "192.0.2.7", "mail.example.com"));

        Message message = fixture.onlyMessage(support);
        assertEquals("ceo@" + MailFixture.DOMAIN, message.fromAddr());
        assertTrue(message.authentication().spoofedLocalSender());
    }

    @Test
    void aDmarcPassIsNotSpoofedAndMailWithoutAClientIsNeverChecked() {
        receiver(new Authentication(AuthResult.PASS, AuthResult.NONE, AuthResult.PASS), ScanMail.NONE)
                .receive(fromClient("ann@" + MailFixture.DOMAIN, address(support)));
        receiver(NO_DMARC, request -> {
            scanned.add(request);
            return SpamVerdict.scanned(1, "no action", List.of());
        }).receive(new ReceiveMail.Command(RawMail.from("ceo@" + MailFixture.DOMAIN).to(address(billing)).bytes(),
                null, List.of(address(billing))));

        assertFalse(fixture.onlyMessage(support).authentication().spoofedLocalSender());
        Message internal = fixture.onlyMessage(billing);
        assertNull(internal.authentication());
        assertNull(internal.spam());
        assertTrue(scanned.isEmpty(), "no client: not scanned");
    }

    @Test
    void anAccountThatDropsSpoofedMailGetsNoCopyNorEventWhileTheOtherGetsItFlagged() {
        fixture.store.update(fixture.store.find(globex).orElseThrow().withDropSpoofedLocalMail(Change.to(true)));

        int taken = receiver(NO_DMARC, ScanMail.NONE).receive(fromClient("ceo@" + MailFixture.DOMAIN,
                address(support), address(billing))).taken();

        assertEquals(2, taken, "both count as taken: the sender learns nothing");
        assertTrue(fixture.onlyMessage(support).authentication().spoofedLocalSender());
        assertTrue(fixture.messages(billing).isEmpty());
        assertTrue(fixture.store.events().ofAccount(globex, 10).isEmpty());
    }

    @Test
    void theScannersVerdictIsStoredWithEachCopyAndItsEvents() {
        SpamVerdict verdict = SpamVerdict.scanned(15, "reject", List.of("GTUBE"));

        receiver(NO_DMARC, request -> {
            scanned.add(request);
            return verdict;
        }).receive(fromClient("x@stranger.example", address(support), address(billing)));

        assertEquals(1, scanned.size(), "scanned once for all recipients");
        assertEquals("192.0.2.7", scanned.get(0).clientIp());
        assertEquals("mail.example.com", scanned.get(0).helo());
        assertEquals(List.of(address(support), address(billing)), scanned.get(0).recipients());
        assertEquals(verdict, fixture.onlyMessage(support).spam());
        assertEquals(verdict, fixture.onlyMessage(billing).spam());
        assertEquals(verdict, fixture.store.events().ofAccount(acme, 10).get(0).event().message().spam());
    }

    private static boolean spoofed(List<Message> messages, String from) {
        return messages.stream().filter(m -> m.fromAddr().equals(from)).findFirst().orElseThrow()
                .authentication().spoofedLocalSender();
    }

    private static String address(Inbox inbox) {
        return inbox.address().value();
    }
}
