package dev.openmail.bootstrap.system;

import dev.openmail.adapters.dns.testing.InProcessDnsServer;
import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.adapters.smtpout.testing.FakeMxServer;
import dev.openmail.adapters.smtpout.testing.LoopbackPorts;
import dev.openmail.adapters.smtpout.testing.MtaStsServer;
import dev.openmail.adapters.smtpout.testing.TestCa;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.Transactions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Direct delivery in a small world on this machine: a DNS server the test controls, four mail exchangers on loopback
 * addresses sharing one port (one plain that refuses one recipient, one offering STARTTLS with a test CA's certificate
 * under an enforced MTA-STS policy, one that defers the first attempt as greylisting does, one that never answers),
 * and the server with no relay. Then what comes back: a DSN and an ARF report over SMTP to a recipient's bounce
 * address, and a one-click unsubscribe, each ending in a suppression that the next send meets as 422.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectDeliverySystemTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private InProcessDnsServer dns;
    private FakeMxServer plain;
    private FakeMxServer secure;
    private FakeMxServer greylisting;
    private FakeMxServer silent;
    private MtaStsServer policies;
    private RunningServer server;
    private Account account;
    private String inbox;

    @BeforeAll
    void startTheWorld(@TempDir Path dir) throws IOException {
        dns = InProcessDnsServer.start();
        int port = LoopbackPorts.freeOnAll(4);
        TestCa ca = TestCa.create("OpenMail test CA");
        plain = FakeMxServer.start(LoopbackPorts.loopback(1), port).refusing("gone@plain.test",
                "550 5.1.1 <gone@plain.test>: Recipient address rejected: User unknown");
        secure = FakeMxServer.start(LoopbackPorts.loopback(2), port).withStartTls(ca.serverContext("mx.secure.test"));
        greylisting = FakeMxServer.start(LoopbackPorts.loopback(3), port).deferringFirst(1);
        silent = FakeMxServer.start(LoopbackPorts.loopback(4), port).silent();
        policies = MtaStsServer.start(ca.serverContext("mta-sts.secure.test"))
                .serve("mta-sts.secure.test", "version: STSv1\r\nmode: enforce\r\nmx: mx.secure.test\r\n"
                        + "max_age: 86400\r\n");
        publish("plain.test", 1);
        publish("secure.test", 2);
        publish("greylist.test", 3);
        publish("dead.test", 4);
        dns.addTxt("_mta-sts.secure.test", "v=STSv1; id=20261207");
        dns.addAddress("mta-sts.secure.test", LoopbackPorts.loopback(1));

        Map<String, Object> settings = new HashMap<>();
        settings.put("openmail.admin-token", RunningServer.ADMIN_TOKEN);
        settings.put("openmail.smtp-relay.host", "");
        settings.put("openmail.dns-server", dns.address());
        settings.put("openmail.delivery.port", port);
        settings.put("openmail.delivery.allow-private-targets", true);
        settings.put("openmail.delivery.mta-sts-port", policies.port());
        settings.put("openmail.delivery.trust-pem", ca.writePem(dir.resolve("ca.pem")).toString());
        settings.put("openmail.delivery.timeout-seconds", 2);
        settings.put("openmail.outbox.poll-interval", "100ms");
        settings.put("openmail.outbox.retry-base", "200ms");
        settings.put("openmail.outbox.retry-cap", "500ms");
        settings.put("openmail.outbox.max-attempts", 3);
        server = RunningServer.start(TestDatabase.h2(), settings);
        account = server.openAccount();
        inbox = server.post("/v1/inboxes", account.token(), "{}").string("id");
    }

    private void publish(String domain, int loopback) {
        dns.addMx(domain, 10, "mx." + domain);
        dns.addAddress("mx." + domain, LoopbackPorts.loopback(loopback));
    }

    @AfterAll
    void stopTheWorld() throws IOException {
        if (server != null) {
            server.close();
        }
        for (AutoCloseable closeable : new AutoCloseable[] {plain, secure, greylisting, silent}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        if (policies != null) {
            policies.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private Reply send(String json) {
        return server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri("/v1/inboxes/" + inbox + "/send"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), account.token()));
    }

    /** The sent message as the messages list shows it. */
    private Map<String, Object> message(String messageId) {
        return server.get("/v1/inboxes/" + inbox + "/messages?direction=outbound&limit=100", account.token()).data()
                .stream().filter(message -> message.get("id").equals(messageId)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> delivery(String messageId) {
        return (List<Map<String, Object>>) message(messageId).get("delivery");
    }

    private Map<String, Object> recipient(String messageId, String address) {
        return delivery(messageId).stream().filter(row -> row.get("address").equals(address)).findFirst()
                .orElseThrow();
    }

    private Optional<MailEvent> event(EventType type, String messageId) {
        LoadEvents events = server.context().getBean(LoadEvents.class);
        return server.context().getBean(Transactions.class).inTransaction(() ->
                events.ofAccount(new AccountId(account.id()), 1000)).stream().map(LoggedEvent::event)
                .filter(event -> event.type() == type && event.messageId().value().equals(messageId)).findFirst();
    }

    @Test
    void eachRecipientIsDeliveredToItsOwnMailExchangerAndTheMessageTellsWhatBecameOfEach() {
        Reply sent = send("{\"to\":\"bob@plain.test\",\"cc\":[\"gone@plain.test\",\"carol@secure.test\","
                + "\"dave@greylist.test\"],\"subject\":\"Quarterly numbers\",\"body\":\"See attached.\"}");
        assertEquals(200, sent.status(), sent.body());
        String messageId = sent.string("messageId");

        assertTrue(Eventually.holds(() -> "sent".equals(message(messageId).get("status")), WAIT),
                () -> "still " + message(messageId));

        assertEquals("delivered", recipient(messageId, "bob@plain.test").get("status"));
        assertEquals("mx.plain.test", recipient(messageId, "bob@plain.test").get("host"));
        Map<String, Object> gone = recipient(messageId, "gone@plain.test");
        assertEquals("failed", gone.get("status"));
        assertTrue(String.valueOf(gone.get("reply")).startsWith("550 5.1.1"), gone.toString());
        assertEquals("delivered", recipient(messageId, "carol@secure.test").get("status"));
        assertEquals("delivered", recipient(messageId, "dave@greylist.test").get("status"));
        assertEquals(2, ((Number) recipient(messageId, "dave@greylist.test").get("attempts")).intValue(),
                "greylisted once, then taken");

        assertTrue(secure.accepted().stream().allMatch(FakeMxServer.Accepted::tls), "the policy enforces TLS");
        assertEquals(1, secure.accepted().size());
        List<String> plainRecipients = new ArrayList<>();
        plain.accepted().forEach(accepted -> plainRecipients.addAll(accepted.recipients()));
        assertTrue(plainRecipients.contains("bob@plain.test") && !plainRecipients.contains("gone@plain.test"),
                plainRecipients.toString());
        for (FakeMxServer.Accepted accepted : plain.accepted()) {
            assertTrue(accepted.from().startsWith("bounces+"), accepted.from());
        }

        MailEvent delivered = event(EventType.MESSAGE_DELIVERED, messageId).orElseThrow();
        assertEquals(List.of("delivered", "failed", "delivered", "delivered"),
                delivered.message().delivery().stream().map(row -> row.state().wireName()).toList());
        Reply again = send("{\"to\":\"gone@plain.test\",\"subject\":\"Again\",\"body\":\"Hello?\"}");
        assertEquals(422, again.status(), again.body());
        assertEquals("recipient_suppressed", again.error());
        assertEquals("bounce", again.string("type"));
    }

    @Test
    void aMailExchangerThatNeverAnswersFailsItsRecipientAfterTheLastAttemptAndHoldsNoOneElseBack() {
        Reply sent = send("{\"to\":\"eve@dead.test\",\"cc\":[\"frank@plain.test\"],\"subject\":\"Hi\","
                + "\"body\":\"x\"}");
        String messageId = sent.string("messageId");

        assertTrue(Eventually.holds(() -> "delivered".equals(recipient(messageId, "frank@plain.test").get("status")),
                WAIT), () -> delivery(messageId).toString());
        assertTrue(Eventually.holds(() -> !"pending".equals(message(messageId).get("status")), WAIT),
                () -> delivery(messageId).toString());

        assertEquals("sent", message(messageId).get("status"));
        Map<String, Object> eve = recipient(messageId, "eve@dead.test");
        assertEquals("failed", eve.get("status"));
        assertTrue(String.valueOf(eve.get("reply")).startsWith("gave up after 3 attempts"), eve.toString());
        assertTrue(silent.connections() >= 1);
    }

    @Test
    void aDomainWithoutMailExchangersFailsItsRecipientAtOnce() {
        dns.addNullMx("nomail.test");
        Reply sent = send("{\"to\":\"x@nomail.test\",\"subject\":\"Hi\",\"body\":\"x\"}");
        String messageId = sent.string("messageId");

        assertTrue(Eventually.holds(() -> "failed".equals(message(messageId).get("status")), WAIT),
                () -> delivery(messageId).toString());
        assertEquals(1, ((Number) recipient(messageId, "x@nomail.test").get("attempts")).intValue());
        assertTrue(event(EventType.MESSAGE_FAILED, messageId).isPresent());
    }

    @Test
    void aHardBounceThatComesBackSuppressesTheRecipientAndTheNextSendIsRefused() throws IOException {
        String messageId = sendAndAwaitDelivery("hannah@plain.test");
        String bounceAddress = bounceAddressOf("hannah@plain.test");

        String reply = smtp(bounceAddress, dsn("hannah@plain.test", "failed", "5.1.1",
                "smtp; 550 5.1.1 mailbox removed"));
        assertTrue(reply.startsWith("250"), reply);

        assertEquals("bounced", recipient(messageId, "hannah@plain.test").get("status"));
        assertTrue(event(EventType.MESSAGE_BOUNCED, messageId).isPresent());
        Reply again = send("{\"to\":\"hannah@plain.test\",\"subject\":\"Again\",\"body\":\"x\"}");
        assertEquals(422, again.status(), again.body());
        assertEquals("bounce", again.string("type"));
        assertEquals(0, server.get("/v1/inboxes/" + inbox + "/messages?direction=inbound", account.token()).total(),
                "a report is filed in no inbox");
    }

    @Test
    void aComplaintThatComesBackSuppressesTheRecipientAsAComplaint() throws IOException {
        sendAndAwaitDelivery("ivan@plain.test");
        String bounceAddress = bounceAddressOf("ivan@plain.test");

        String reply = smtp(bounceAddress, arf("ivan@plain.test"));
        assertTrue(reply.startsWith("250"), reply);

        Reply again = send("{\"to\":\"ivan@plain.test\",\"subject\":\"Again\",\"body\":\"x\"}");
        assertEquals(422, again.status(), again.body());
        assertEquals("complaint", again.string("type"));
    }

    @Test
    void aForgedBounceAddressIsRefusedAtRcpt() throws IOException {
        String reply = smtp("bounces+aaaaaaaaaaaaaaaaaaaa@" + RunningServer.DEFAULT_DOMAIN,
                dsn("bob@plain.test", "failed", "5.1.1", ""));
        assertTrue(reply.startsWith("550"), reply);
    }

    @Test
    void aOneClickUnsubscribeSuppressesTheRecipientAndTheNextSendIsRefused() throws Exception {
        Reply sent = send("{\"to\":\"judy@plain.test\",\"subject\":\"News\",\"body\":\"Our news\",\"bulk\":true}");
        assertEquals(200, sent.status(), sent.body());
        assertTrue(Eventually.holds(() -> plain.accepted().stream().anyMatch(accepted ->
                accepted.recipients().contains("judy@plain.test")), WAIT));
        String data = plain.accepted().stream().filter(accepted -> accepted.recipients().contains("judy@plain.test"))
                .map(accepted -> new String(accepted.data(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        assertTrue(data.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), data);
        int start = data.indexOf("/unsubscribe/");
        assertTrue(start > 0, data);
        String path = data.substring(start, data.indexOf('>', start));

        Reply unsubscribed = server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        assertEquals(200, unsubscribed.status(), unsubscribed.body());

        Reply again = send("{\"to\":\"judy@plain.test\",\"subject\":\"More news\",\"body\":\"x\"}");
        assertEquals(422, again.status(), again.body());
        assertEquals("unsub", again.string("type"));
    }

    private String sendAndAwaitDelivery(String to) {
        Reply sent = send("{\"to\":\"" + to + "\",\"subject\":\"Hello\",\"body\":\"Hi\"}");
        assertEquals(200, sent.status(), sent.body());
        String messageId = sent.string("messageId");
        assertTrue(Eventually.holds(() -> "delivered".equals(recipient(messageId, to).get("status")), WAIT),
                () -> delivery(messageId).toString());
        return messageId;
    }

    /** The envelope sender the recipient's copy went out with. */
    private String bounceAddressOf(String recipient) {
        return plain.accepted().stream().filter(accepted -> accepted.recipients().contains(recipient))
                .map(FakeMxServer.Accepted::from).findFirst().orElseThrow();
    }

    /** Hands {@code message} to the server over SMTP for {@code to}; the reply to RCPT if refused, else to DATA. */
    private String smtp(String to, String message) throws IOException {
        try (UsageSystemTest.Smtp smtp = new UsageSystemTest.Smtp(server.smtpPort())) {
            return smtp.send(List.of(to), message.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String dsn(String recipient, String action, String status, String diagnostic) {
        return "From: MAILER-DAEMON@mx.plain.test\r\n"
                + "To: someone@openmail.test\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n"
                + "\r\n"
                + "--b1\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "I'm sorry to have to inform you that your message could not be delivered.\r\n"
                + "--b1\r\n"
                + "Content-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.plain.test\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\n"
                + "Action: " + action + "\r\n"
                + "Status: " + status + "\r\n"
                + (diagnostic.isEmpty() ? "" : "Diagnostic-Code: " + diagnostic + "\r\n")
                + "\r\n"
                + "--b1--\r\n";
    }

    private static String arf(String recipient) {
        return "From: feedback@fbl.plain.test\r\n"
                + "To: someone@openmail.test\r\n"
                + "Subject: FW: Hello\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"f1\"\r\n"
                + "\r\n"
                + "--f1\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "This is an email abuse report.\r\n"
                + "--f1\r\n"
                + "Content-Type: message/feedback-report\r\n\r\n"
                + "Feedback-Type: abuse\r\n"
                + "User-Agent: FBL/1.0\r\n"
                + "Version: 1\r\n"
                + "Original-Rcpt-To: <" + recipient + ">\r\n"
                + "\r\n"
                + "--f1\r\n"
                + "Content-Type: text/rfc822-headers\r\n\r\n"
                + "From: someone@openmail.test\r\n"
                + "To: " + recipient + "\r\n"
                + "Subject: Hello\r\n"
                + "\r\n"
                + "--f1--\r\n";
    }
}
