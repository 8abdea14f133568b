package dev.openmail.application.mail;

import dev.openmail.application.fakes.ScriptedRelay.Outcome;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.delivery.BounceAddress;
import dev.openmail.domain.delivery.DeliveryState;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.in.SendMail;
import dev.openmail.domain.port.out.ReadDeliveryReports;
import dev.openmail.domain.port.out.ReadDeliveryReports.ComplaintReport;
import dev.openmail.domain.port.out.ReadDeliveryReports.DeliveryReport;
import dev.openmail.domain.port.out.ReadDeliveryReports.RecipientStatus;
import dev.openmail.domain.port.out.ReadDeliveryReports.StatusReport;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.mail.MailFixture.address;
import static dev.openmail.application.mail.MailFixture.newMail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportedDeliveriesTest {

    private static final DeliverOutboxService.Retry RETRY = new DeliverOutboxService.Retry(
            java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(10), 5);

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final Inbox sender = fixture.inbox(acme, "sender");
    private final Inbox operator = fixture.inbox(acme, "operator");
    /** What the next report read says. */
    private Optional<DeliveryReport> nextReport = Optional.empty();
    private final ReadDeliveryReports reader = raw -> nextReport;

    private ReceiveMail server(int softBounceLimit, String postmaster) {
        ReportedDeliveries reports = new ReportedDeliveries(fixture.transactions, fixture.store.outboundRecipients(),
                reader, fixture.store.suppressions(), fixture.store.mail(), fixture.store.events(), fixture.clock,
                new ReportedDeliveries.Settings(softBounceLimit, postmaster));
        return new ReceiveServerMail(fixture.transactions, fixture.receiver(), reports, fixture.store.domains(),
                MailFixture.DOMAIN, postmaster);
    }

    private SendMail.Sent sendAndDeliver(String... to) {
        SendMail.Sent sent = fixture.send(owner(acme), sender, "k-" + to[0],
                newMail(to[0], "Hello", "Hi", java.util.Arrays.copyOfRange(to, 1, to.length)));
        fixture.deliverer(RETRY).deliverDue();
        return sent;
    }

    private RecipientDelivery recipient(SendMail.Sent sent, String address) {
        return fixture.store.outboundRecipients().of(acme, sent.messageId()).stream()
                .filter(row -> row.address().equals(address)).findFirst().orElseThrow();
    }

    private String bounceAddress(SendMail.Sent sent, String recipient) {
        return BounceAddress.of(recipient(sent, recipient).bounceToken(), address(sender));
    }

    private int deliverReport(ReceiveMail server, String to) {
        return server.receive(new ReceiveMail.Command("Subject: report\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.UTF_8), "", List.of(to), null, null)).taken();
    }

    @Test
    void aHardBounceMarksTheRecipientBouncedSuppressesItAndTellsWhoseMessage() {
        SendMail.Sent sent = sendAndDeliver("bob@example.com", "gone@example.org");
        ReceiveMail server = server(3, null);
        String bounceTo = bounceAddress(sent, "gone@example.org");
        nextReport = Optional.of(new StatusReport(List.of(
                new RecipientStatus("gone@example.org", "failed", "5.1.1", "smtp; 550 5.1.1 unknown user"))));

        assertEquals(ReceiveMail.Recipient.ACCEPTED, server.check(bounceTo));
        assertEquals(1, deliverReport(server, bounceTo));

        assertEquals(DeliveryState.BOUNCED, recipient(sent, "gone@example.org").state());
        assertEquals("5.1.1 smtp; 550 5.1.1 unknown user", recipient(sent, "gone@example.org").reply());
        assertEquals(DeliveryState.DELIVERED, recipient(sent, "bob@example.com").state());
        Suppression suppression = fixture.store.suppressions().find(acme, "gone@example.org").orElseThrow();
        assertEquals(SuppressionType.BOUNCE, suppression.type());
        MailEvent bounced = fixture.store.events().ofAccount(acme, 100).stream().map(LoggedEvent::event)
                .filter(event -> event.type() == EventType.MESSAGE_BOUNCED).findFirst().orElseThrow();
        assertEquals(sent.messageId(), bounced.messageId());
        assertEquals(List.of(DeliveryState.DELIVERED, DeliveryState.BOUNCED),
                bounced.message().delivery().stream().map(RecipientDelivery::state).toList());
        assertTrue(fixture.store.mail().findMessage(acme, sent.messageId()).isPresent());
    }

    @Test
    void aReportIsAboutTheRecipientItsBounceAddressNamesNotWhomItsProseNames() {
        SendMail.Sent sent = sendAndDeliver("bob@example.com", "carol@example.org");
        nextReport = Optional.of(new StatusReport(List.of(
                new RecipientStatus("bob@example.com", "failed", "5.1.1", ""),
                new RecipientStatus("carol@example.org", "delivered", "2.0.0", ""))));

        deliverReport(server(3, null), bounceAddress(sent, "carol@example.org"));

        assertEquals(DeliveryState.DELIVERED, recipient(sent, "bob@example.com").state(),
                "a report sent to carol's bounce address cannot bounce bob");
        assertEquals(DeliveryState.DELIVERED, recipient(sent, "carol@example.org").state());
        assertTrue(fixture.store.suppressions().find(acme, "bob@example.com").isEmpty());
    }

    @Test
    void softBouncesSuppressOnlyOnceTheyReachTheLimit() {
        SendMail.Sent sent = sendAndDeliver("flaky@example.org");
        ReceiveMail server = server(2, null);
        nextReport = Optional.of(new StatusReport(List.of(
                new RecipientStatus("flaky@example.org", "delayed", "4.2.2", "mailbox full"))));

        deliverReport(server, bounceAddress(sent, "flaky@example.org"));
        assertTrue(fixture.store.suppressions().find(acme, "flaky@example.org").isEmpty());
        assertEquals(DeliveryState.DELIVERED, recipient(sent, "flaky@example.org").state());

        deliverReport(server, bounceAddress(sent, "flaky@example.org"));
        Suppression suppression = fixture.store.suppressions().find(acme, "flaky@example.org").orElseThrow();
        assertEquals(SuppressionType.BOUNCE, suppression.type());
        assertTrue(suppression.reasonOrNull().startsWith("2 soft bounces"), suppression.reasonOrNull());
    }

    @Test
    void aComplaintSuppressesTheAddressAsAComplaint() {
        SendMail.Sent sent = sendAndDeliver("annoyed@example.org");
        nextReport = Optional.of(new ComplaintReport("abuse", List.of("annoyed@example.org"), ""));

        deliverReport(server(3, null), bounceAddress(sent, "annoyed@example.org"));

        assertEquals(SuppressionType.COMPLAINT,
                fixture.store.suppressions().find(acme, "annoyed@example.org").orElseThrow().type());
        assertEquals(DeliveryState.DELIVERED, recipient(sent, "annoyed@example.org").state());
    }

    @Test
    void anUnknownOrMalformedBounceAddressIsRefusedAtRcpt() {
        ReceiveMail server = server(3, null);

        assertEquals(ReceiveMail.Recipient.UNKNOWN,
                server.check("bounces+aaaaaaaaaaaaaaaaaaaa@" + MailFixture.DOMAIN));
        assertEquals(ReceiveMail.Recipient.UNKNOWN, server.check("bounces+short@" + MailFixture.DOMAIN));
        assertEquals(ReceiveMail.Recipient.UNKNOWN, server.check("bounces+@" + MailFixture.DOMAIN));
    }

    @Test
    void mailToABounceAddressThatIsNoReportChangesNothingAndIsStoredNowhere() {
        SendMail.Sent sent = sendAndDeliver("bob@example.com");
        int before = fixture.store.events().ofAccount(acme, 100).size();

        assertEquals(1, deliverReport(server(3, null), bounceAddress(sent, "bob@example.com")));

        assertEquals(DeliveryState.DELIVERED, recipient(sent, "bob@example.com").state());
        assertEquals(before, fixture.store.events().ofAccount(acme, 100).size());
    }

    @Test
    void postmasterMailGoesToTheOperatorsInboxOrIsRefusedWithoutOne() {
        ReceiveMail without = server(3, null);
        assertEquals(ReceiveMail.Recipient.UNKNOWN, without.check("postmaster@" + MailFixture.DOMAIN));

        ReceiveMail with = server(3, address(operator));
        assertEquals(ReceiveMail.Recipient.ACCEPTED, with.check("Postmaster@" + MailFixture.DOMAIN.toUpperCase()));
        assertEquals(ReceiveMail.Recipient.UNKNOWN, with.check("postmaster@not-served.example"),
                "only the domains served here");
        assertEquals(1, deliverReport(with, "postmaster@" + MailFixture.DOMAIN));
        assertEquals(1, fixture.threads(operator).size());
    }

    @Test
    void aReportOnARecipientRefusedAtDeliveryMarksItBounced() {
        fixture.relay.answerFor("gone@example.org", Outcome.REFUSED);
        SendMail.Sent sent = sendAndDeliver("gone@example.org");
        nextReport = Optional.of(new StatusReport(List.of(new RecipientStatus("gone@example.org", "failed", "5.1.1",
                ""))));

        deliverReport(server(3, null), bounceAddress(sent, "gone@example.org"));

        assertEquals(DeliveryState.BOUNCED, recipient(sent, "gone@example.org").state());
    }
}
