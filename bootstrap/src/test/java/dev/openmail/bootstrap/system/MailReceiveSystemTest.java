package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mail sent to the server's SMTP port by a real client (Angus Mail), then read through the API. */
class MailReceiveSystemTest {

    private final RunningServer server = RunningServer.shared();
    private Account account;
    private String inboxId;
    private String address;

    @BeforeEach
    void openAnInbox() {
        account = server.openAccount();
        Reply inbox = server.post("/v1/inboxes", account.token(), "{}");
        assertEquals(201, inbox.status(), inbox.body());
        inboxId = inbox.string("id");
        address = inbox.string("address");
    }

    @Test
    void aMultipartMessageWithAnAttachmentAndNonAsciiHeadersArrivesWhole() throws Exception {
        byte[] pdf = new byte[40_000];
        new Random(7).nextBytes(pdf);
        MimeMessage mail = message("Zoë Müller <zoe@example.org>", "Prüfbericht ✅ März", "<report-1@example.org>");
        mail.setRecipients(RecipientType.TO, address);
        mail.setRecipients(RecipientType.CC, "boss@example.org");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart("Grüße aus Köln", "text/plain; charset=ISO-8859-1"));
        alternative.addBodyPart(textPart("<p>Grüße aus <b>Köln</b></p>", "text/html; charset=UTF-8"));
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        attachment.setFileName("bericht-märz.pdf");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(attachment);
        mail.setContent(mixed);

        sendTo(mail, address);

        Reply messages = server.get("/v1/inboxes/" + inboxId + "/messages", account.token());
        assertEquals(200, messages.status(), messages.body());
        assertEquals(1, messages.total());
        Map<String, Object> received = messages.data().get(0);
        assertEquals("inbound", received.get("direction"));
        assertEquals("received", received.get("status"));
        assertEquals("zoe@example.org", received.get("fromAddr"));
        assertEquals(address, received.get("toAddr"));
        assertEquals(address, received.get("headerTo"));
        assertEquals("to", received.get("deliveryRole"));
        assertEquals(List.of("boss@example.org"), received.get("cc"));
        assertEquals("Prüfbericht ✅ März", received.get("subject"));
        assertEquals("Grüße aus Köln", ((String) received.get("bodyText")).strip());
        assertEquals("<p>Grüße aus <b>Köln</b></p>", ((String) received.get("bodyHtml")).strip());
        @SuppressWarnings("unchecked")
        Map<String, Object> listed = ((List<Map<String, Object>>) received.get("attachments")).get(0);
        assertEquals("bericht-märz.pdf", listed.get("filename"));
        assertEquals("application/pdf", listed.get("contentType"));
        assertEquals(pdf.length, ((Number) listed.get("sizeBytes")).intValue());

        // Absolute, under the public base URL (unset here: localhost and the HTTP port), so that it is fetched as it is.
        assertEquals(server.uri("/v1/attachments/" + received.get("id") + "/bericht-m%C3%A4rz.pdf").toString(),
                listed.get("url"));
        HttpResponse<byte[]> download = bytes((String) listed.get("url"), account.token());
        assertEquals(200, download.statusCode());
        assertArrayEquals(pdf, download.body());
        assertEquals("application/pdf", download.headers().firstValue("Content-Type").orElse(""));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));

        HttpResponse<byte[]> raw = bytes("/v1/messages/" + received.get("id") + "/raw", account.token());
        assertEquals(200, raw.statusCode());
        assertTrue(raw.headers().firstValue("Content-Type").orElse("").startsWith("message/rfc822"));
        String rawText = new String(raw.body(), StandardCharsets.US_ASCII);
        assertTrue(rawText.contains("Message-ID: <report-1@example.org>"), rawText.substring(0, Math.min(600, rawText.length())));
        assertTrue(rawText.endsWith(wire(mail)), "the raw message is kept exactly as it arrived, after the trace headers");
        assertTrue(rawText.startsWith("Received: from "), rawText.substring(0, Math.min(600, rawText.length())));
        assertTrue(rawText.contains("\r\nAuthentication-Results: "), rawText.substring(0, Math.min(600, rawText.length())));
    }

    @Test
    void aReplyChainOfThreeFormsOneThreadThatNewMailMarksUnread() throws Exception {
        send(plain("alice@example.org", "Quarterly numbers", "<q1@example.org>", null, null, "Here they are."));
        String threadId = onlyThread().get("id").toString();
        assertEquals(200, server.patch("/v1/threads/" + threadId, account.token(), "{\"is_read\":true}").status());
        assertEquals(true, onlyThread().get("isRead"));

        send(plain("bob@example.org", "Re: Quarterly numbers", "<q2@example.org>", "<q1@example.org>",
                "<q1@example.org>", "Thanks."));
        send(plain("alice@example.org", "Re: Re: Quarterly numbers", "<q3@example.org>", null,
                "<q1@example.org> <q2@example.org>", "You are welcome."));

        Map<String, Object> thread = onlyThread();
        assertEquals(threadId, thread.get("id"));
        assertEquals(3, ((Number) thread.get("messageCount")).intValue());
        assertEquals(false, thread.get("isRead"), "new inbound mail marks its thread unread");
        assertEquals("Quarterly numbers", thread.get("subject"));

        Reply messages = server.get("/v1/threads/" + threadId + "/messages", account.token());
        assertEquals(200, messages.status(), messages.body());
        assertEquals(threadId, messages.string("threadId"));
        assertEquals(List.of("Here they are.", "Thanks.", "You are welcome."),
                messages.data().stream().map(message -> ((String) message.get("bodyText")).strip()).toList());

        Reply unread = server.get("/v1/inboxes/" + inboxId + "/threads?is_read=false", account.token());
        assertEquals(1, unread.total());
        assertEquals(0, server.get("/v1/inboxes/" + inboxId + "/threads?is_read=true", account.token()).total());
    }

    @Test
    void aMessageToUnknownAddressesIsRefusedAtRcptAndNothingIsStored() throws Exception {
        MimeMessage mail = plain("eve@example.org", "Hello", "<x1@example.org>", null, null, "hi");
        mail.setRecipients(RecipientType.TO, "nobody-here@" + RunningServer.DEFAULT_DOMAIN);

        SendFailedException refused = assertThrows(SendFailedException.class, () -> send(mail));

        assertTrue(String.valueOf(refused.getNextException()).contains("550")
                || String.valueOf(refused.getMessage()).contains("550"), String.valueOf(refused));
        assertEquals(0, server.get("/v1/inboxes/" + inboxId + "/messages", account.token()).total());
    }

    @Test
    void anOversizedMessageIsRefusedWith552AndNothingIsStored() throws Exception {
        MimeMessage mail = plain("eve@example.org", "Big", "<big@example.org>", null, null,
                "x".repeat(RunningServer.SMTP_MAX_MESSAGE_BYTES + 1000));

        MessagingException refused = assertThrows(MessagingException.class, () -> send(mail));

        assertTrue(String.valueOf(refused).contains("552") || String.valueOf(refused.getNextException()).contains("552"),
                String.valueOf(refused));
        assertEquals(0, server.get("/v1/inboxes/" + inboxId + "/messages", account.token()).total());
    }

    @Test
    void oneMessageToInboxesOfTwoAccountsIsStoredOncePerInboxAndEachSeesOnlyItsOwn() throws Exception {
        Account other = server.openAccount();
        Reply otherInbox = server.post("/v1/inboxes", other.token(), "{}");
        MimeMessage mail = plain("sender@example.org", "To both", "<both@example.org>", null, null, "hello both");
        mail.setRecipients(RecipientType.TO, address);
        mail.setRecipients(RecipientType.CC, otherInbox.string("address"));

        send(mail);

        Map<String, Object> mine = server.get("/v1/inboxes/" + inboxId + "/messages", account.token()).data().get(0);
        Reply theirs = server.get("/v1/inboxes/" + otherInbox.string("id") + "/messages", other.token());
        assertEquals(1, theirs.total());
        assertEquals("cc", theirs.data().get(0).get("deliveryRole"));
        assertEquals("to", mine.get("deliveryRole"));
        assertFalse(mine.get("id").equals(theirs.data().get(0).get("id")), "one message per inbox");
        assertEquals(404, server.get("/v1/messages/" + mine.get("id") + "/raw", other.token()).status());
        assertEquals(404, server.get("/v1/inboxes/" + inboxId + "/messages", other.token()).status());
    }

    @Test
    void scopedKeysReadOnlyTheMailInsideThem() throws Exception {
        send(plain("a@example.org", "For the agent", "<agent@example.org>", null, null, "task"));
        Reply sibling = server.post("/v1/inboxes", account.token(), "{}");
        String ownKey = server.post("/v1/inboxes/" + inboxId + "/api-keys", account.token(), "{}").string("token");
        String siblingKey = server.post("/v1/inboxes/" + sibling.string("id") + "/api-keys", account.token(), "{}").string("token");
        String threadId = onlyThread().get("id").toString();

        assertEquals(200, server.get("/v1/inboxes/" + inboxId + "/messages", ownKey).status());
        assertEquals(200, server.get("/v1/threads/" + threadId + "/messages", ownKey).status());
        assertEquals(200, server.patch("/v1/threads/" + threadId, ownKey, "{\"is_read\":true}").status());
        assertEquals(403, server.get("/v1/inboxes/" + inboxId + "/messages", siblingKey).status());
        assertEquals(403, server.get("/v1/threads/" + threadId + "/messages", siblingKey).status());
        assertEquals(403, server.patch("/v1/threads/" + threadId, siblingKey, "{\"is_read\":false}").status());
    }

    @Test
    void deletingTheInboxRemovesItsMessagesThreadsAndAttachments() throws Exception {
        MimeMessage mail = plain("a@example.org", "With file", "<file@example.org>", null, null, "see file");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(textPart("see file", "text/plain; charset=UTF-8"));
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[]{1, 2, 3}, "application/octet-stream")));
        file.setFileName("data.bin");
        mixed.addBodyPart(file);
        mail.setContent(mixed);
        send(mail);
        assertEquals(1, rows("messages"));
        assertEquals(1, rows("threads"));
        assertEquals(1, server.queryForLong("SELECT COUNT(*) FROM attachments a JOIN messages m"
                + " ON a.account_id = m.account_id AND a.message_id = m.id WHERE m.inbox_id = ?", inboxId));

        assertEquals(204, server.delete("/v1/inboxes/" + inboxId, account.token()).status());

        assertEquals(0, rows("messages"));
        assertEquals(0, rows("threads"));
        assertEquals(0, server.queryForLong("SELECT COUNT(*) FROM attachments WHERE account_id = ?", account.id()));
    }

    @Test
    void badQueryParametersAreRefusedWithTheirName() {
        Reply direction = server.get("/v1/inboxes/" + inboxId + "/messages?direction=sideways", account.token());
        assertEquals(400, direction.status(), direction.body());
        assertTrue(direction.string("message").contains("direction"));
        Reply isRead = server.get("/v1/inboxes/" + inboxId + "/threads?is_read=maybe", account.token());
        assertEquals(400, isRead.status(), isRead.body());
        Reply patch = server.patch("/v1/threads/thr_01aaaaaaaaaaaaaaaaaaaaaaaa", account.token(), "{\"is_read\":\"yes\"}");
        assertEquals(400, patch.status(), patch.body());
        Reply malformedId = server.get("/v1/threads/not-a-thread/messages", account.token());
        assertEquals(404, malformedId.status(), malformedId.body());
        assertEquals("not_found", malformedId.error());
    }

    private long rows(String table) {
        return server.queryForLong("SELECT COUNT(*) FROM " + table + " WHERE account_id = ? AND inbox_id = ?",
                account.id(), inboxId);
    }

    private Map<String, Object> onlyThread() {
        Reply threads = server.get("/v1/inboxes/" + inboxId + "/threads", account.token());
        assertEquals(200, threads.status(), threads.body());
        assertEquals(1, threads.total(), threads.body());
        return threads.data().get(0);
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        return Session.getInstance(properties);
    }

    @Test
    void theMessageSaysWhatSpfDkimAndDmarcFoundOfItsSender() throws Exception {
        String domain = "auth-" + inboxId.toLowerCase(java.util.Locale.ROOT).replace("_", "-") + ".test";
        RunningServer.dns().addTxt(domain, "v=spf1 ip4:127.0.0.0/8 ip6:::1 -all");
        RunningServer.dns().addTxt("_dmarc." + domain, "v=DMARC1; p=reject");
        String spoofed = "bank-" + inboxId.toLowerCase(java.util.Locale.ROOT).replace("_", "-") + ".test";
        RunningServer.dns().addTxt("_dmarc." + spoofed, "v=DMARC1; p=reject");

        MimeMessage genuine = message("Ann <ann@" + domain + ">", "genuine", "<g@" + domain + ">");
        genuine.setRecipients(RecipientType.TO, address);
        genuine.setText("hello");
        sendTo(genuine, address);
        MimeMessage forged = message("Bank <alerts@" + spoofed + ">", "forged", "<f@" + spoofed + ">");
        forged.setRecipients(RecipientType.TO, address);
        forged.setText("pay now");
        // MAIL FROM is the From address, whose domain publishes no SPF: nothing aligned authenticates it
        sendTo(forged, address);

        Reply messages = server.get("/v1/inboxes/" + inboxId + "/messages", account.token());
        assertEquals(200, messages.status(), messages.body());
        Map<String, Object> authenticated = null;
        Map<String, Object> unauthenticated = null;
        for (Map<String, Object> item : messages.data()) {
            if ("genuine".equals(item.get("subject"))) {
                authenticated = item;
            } else if ("forged".equals(item.get("subject"))) {
                unauthenticated = item;
            }
        }
        assertEquals(Map.of("spf", "pass", "dkim", "none", "dmarc", "pass", "spoofedLocalSender", false),
                authenticated.get("authentication"),
                messages.body());
        assertEquals("fail", ((Map<?, ?>) unauthenticated.get("authentication")).get("dmarc"), messages.body());
        assertEquals("none", ((Map<?, ?>) unauthenticated.get("authentication")).get("dkim"), messages.body());
    }

    private MimeMessage message(String from, String subject, String messageId) throws MessagingException {
        MimeMessage mail = new MimeMessage(session()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mail.setFrom(new InternetAddress(from));
        mail.setSubject(subject, "UTF-8");
        return mail;
    }

    private MimeMessage plain(String from, String subject, String messageId, String inReplyTo, String references,
                              String text) throws MessagingException {
        MimeMessage mail = message(from, subject, messageId);
        mail.setRecipients(RecipientType.TO, address);
        if (inReplyTo != null) {
            mail.setHeader("In-Reply-To", inReplyTo);
        }
        if (references != null) {
            mail.setHeader("References", references);
        }
        mail.setText(text, "UTF-8");
        return mail;
    }

    private static MimeBodyPart textPart(String text, String type) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(text, type);
        return part;
    }

    private void send(MimeMessage mail) throws MessagingException {
        mail.saveChanges();
        Transport.send(mail);
    }

    /** Sends with an envelope of its own: the headers may name addresses the server has no inbox for. */
    private void sendTo(MimeMessage mail, String envelopeRecipient) throws MessagingException {
        mail.saveChanges();
        Transport.send(mail, new Address[]{new InternetAddress(envelopeRecipient)});
    }

    /** The message as the client puts it on the wire (CRLF line ends), which the server must keep unchanged. */
    private static String wire(MimeMessage mail) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private HttpResponse<byte[]> bytes(String url, String token) throws IOException, InterruptedException {
        URI target = url.startsWith("http") ? URI.create(url) : server.uri(url);
        HttpRequest request = RunningServer.authorized(HttpRequest.newBuilder(target).GET(), token).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
