package dev.openmail.bootstrap.system;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sending through the API: to inboxes of this server directly, to the outside through the relay's outbox. */
@SuppressWarnings("unchecked")
class MailSendSystemTest {

    private final RunningServer server = RunningServer.shared();
    private Account account;
    private String inboxId;
    private String address;

    @BeforeEach
    void openAnInbox() {
        account = server.openAccount();
        Reply inbox = server.post("/v1/inboxes", account.token(), "{\"displayName\":\"Agent Smith\"}");
        inboxId = inbox.string("id");
        address = inbox.string("address");
    }

    @Test
    void mailToAnInboxOfAnotherAccountIsDeliveredAtOnce() {
        Account other = server.openAccount();
        Reply theirInbox = server.post("/v1/inboxes", other.token(), "{}");

        Reply sent = send(UUID.randomUUID().toString(), "{\"to\":\"" + theirInbox.string("address")
                + "\",\"subject\":\"Grüße ✉\",\"body\":\"Hallo!\"}");

        assertEquals(200, sent.status(), sent.body());
        assertEquals("sent", sent.string("status"));
        assertTrue(sent.string("messageId").startsWith("msg_"));
        assertTrue(sent.string("providerMessageId").contains("@"));
        Reply received = server.get("/v1/inboxes/" + theirInbox.string("id") + "/messages", other.token());
        assertEquals(1, received.total(), received.body());
        Map<String, Object> inbound = received.data().get(0);
        assertEquals("inbound", inbound.get("direction"));
        assertEquals("Grüße ✉", inbound.get("subject"));
        assertEquals(address, inbound.get("fromAddr"));
        assertEquals("Hallo!", ((String) inbound.get("bodyText")).strip());

        Map<String, Object> outbound = server.get("/v1/inboxes/" + inboxId + "/messages?direction=outbound",
                account.token()).data().get(0);
        assertEquals(sent.string("messageId"), outbound.get("id"));
        assertEquals("outbound", outbound.get("direction"));
        assertEquals("sent", outbound.get("status"));
    }

    @Test
    void attachmentsSentAsMultipartArriveByteForByte() throws Exception {
        Account other = server.openAccount();
        Reply theirInbox = server.post("/v1/inboxes", other.token(), "{}");
        byte[] binary = new byte[300_000];
        new Random(11).nextBytes(binary);
        String boundary = "----openmail" + UUID.randomUUID();
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        field(form, boundary, "to", theirInbox.string("address"));
        field(form, boundary, "subject", "Files ✔");
        field(form, boundary, "body", "Two files attached.");
        field(form, boundary, "cc", "cc-one@example.org");
        file(form, boundary, "Übersicht.pdf", "application/pdf", binary);
        file(form, boundary, "notes.txt", "text/plain", "plain notes".getBytes(StandardCharsets.UTF_8));
        form.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        Reply sent = server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri("/v1/inboxes/" + inboxId + "/send"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())), account.token()));

        assertEquals(200, sent.status(), sent.body());
        assertEquals("pending", sent.string("status"), "the cc address is outside this server");
        Map<String, Object> received = server.get("/v1/inboxes/" + theirInbox.string("id") + "/messages", other.token())
                .data().get(0);
        assertEquals("Files ✔", received.get("subject"));
        List<Map<String, Object>> attachments = (List<Map<String, Object>>) received.get("attachments");
        assertEquals(List.of("Übersicht.pdf", "notes.txt"), attachments.stream().map(a -> a.get("filename")).toList());
        HttpResponse<byte[]> pdf = server.bytes((String) attachments.get(0).get("url"), other.token());
        assertEquals(200, pdf.statusCode());
        assertTrue(Arrays.equals(binary, pdf.body()), "the attachment arrives byte for byte");
    }

    /** As the skill file documents: JSON attachments with their bytes in base64; unknown fields are ignored. */
    @Test
    void attachmentsSentInJsonArriveByteForByte() {
        Account other = server.openAccount();
        Reply theirInbox = server.post("/v1/inboxes", other.token(), "{}");
        byte[] binary = new byte[200_000];
        new Random(12).nextBytes(binary);

        Reply sent = send(UUID.randomUUID().toString(), "{\"to\":\"" + theirInbox.string("address") + "\","
                + "\"subject\":\"JSON files\",\"body\":\"Attached.\",\"labels\":[\"x\"],\"attachments\":["
                + "{\"filename\":\"data.bin\",\"contentType\":\"application/octet-stream\",\"data\":\""
                + Base64.getEncoder().encodeToString(binary) + "\",\"inline\":false}]}");

        assertEquals(200, sent.status(), sent.body());
        Map<String, Object> received = server.get("/v1/inboxes/" + theirInbox.string("id") + "/messages", other.token())
                .data().get(0);
        List<Map<String, Object>> attachments = (List<Map<String, Object>>) received.get("attachments");
        assertEquals(List.of("data.bin"), attachments.stream().map(a -> a.get("filename")).toList());
        HttpResponse<byte[]> download = server.bytes((String) attachments.get(0).get("url"), other.token());
        assertTrue(Arrays.equals(binary, download.body()), "the attachment arrives byte for byte");
    }

    @Test
    void jsonAttachmentsPast25MbAreRefusedAsTooLarge() {
        int bytes = 25 * 1024 * 1024 + 3;
        String data = "QUFB".repeat(bytes / 3);

        Reply refused = send(UUID.randomUUID().toString(), "{\"to\":\"someone@example.org\",\"subject\":\"Big\","
                + "\"body\":\"b\",\"attachments\":[{\"filename\":\"big.bin\",\"data\":\"" + data + "\"}]}");

        assertEquals(413, refused.status(), () -> refused.status() + " " + refused.body().substring(0, 200));
        assertEquals("payload_too_large", refused.error());
        assertEquals(0, server.get("/v1/inboxes/" + inboxId + "/messages", account.token()).total());
    }

    /** A field this server does not know is skipped unbuilt, but counts toward the 1 MB every JSON body has. */
    @Test
    void anUnknownFieldPast1MbIsRefusedAsTooLargeAndWithin1MbIgnored() {
        String fields = "{\"to\":\"someone@example.org\",\"subject\":\"s\",\"body\":\"b\",\"x\":";

        Reply refused = send(UUID.randomUUID().toString(), fields + "[" + "{},".repeat(5 * 1024 * 1024 / 3) + "{}]}");
        Reply sent = send(UUID.randomUUID().toString(), fields + "[" + "{},".repeat(300_000) + "{}]}");

        assertEquals(413, refused.status(), refused.body());
        assertEquals("payload_too_large", refused.error());
        assertEquals(200, sent.status(), sent.body());
    }

    /** 25 MB of attachments in base64 leave room for 1 MB of JSON besides, not for the 10 MB left under the body limit. */
    @Test
    void aJsonSendWithMoreThan1MbBesidesAttachmentDataIsRefusedAsTooLarge() {
        String data = "QUFB".repeat(25 * 1024 * 1024 / 3);
        String padding = "\"" + " ".repeat(1024 * 1024) + "\"";

        Reply refused = send(UUID.randomUUID().toString(), "{\"to\":\"someone@example.org\",\"subject\":\"Big\","
                + "\"body\":\"b\",\"attachments\":[{\"filename\":\"big.bin\",\"data\":\"" + data + "\"}],"
                + "\"note\":" + padding + "}");

        assertEquals(413, refused.status(), () -> refused.status() + " " + refused.body());
        assertEquals("payload_too_large", refused.error());
        assertEquals(0, server.get("/v1/inboxes/" + inboxId + "/messages", account.token()).total());
    }

    @Test
    void aThreadUpdateIgnoresFieldsItDoesNotKnow() {
        Reply sent = send(UUID.randomUUID().toString(), "{\"to\":\"someone@example.org\",\"subject\":\"s\",\"body\":\"b\"}");
        String thread = "/v1/threads/" + sent.string("threadId");
        server.patch(thread, account.token(), "{\"is_read\":false}");

        Reply updated = server.patch(thread, account.token(), "{\"is_read\":true,\"labels\":[\"done\"],\"note\":null}");

        assertEquals(200, updated.status(), updated.body());
        assertEquals(Boolean.TRUE, server.get(thread + "/messages", account.token()).object().get("isRead"));
    }

    private static void field(ByteArrayOutputStream form, String boundary, String name, String value) throws Exception {
        form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void file(ByteArrayOutputStream form, String boundary, String filename, String type, byte[] content)
            throws Exception {
        form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.write(content);
        form.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theIdempotencyKeyRulesHold() {
        String body = "{\"to\":\"" + address + "\",\"subject\":\"Once\",\"body\":\"only once\"}";
        String key = UUID.randomUUID().toString();

        Reply first = send(key, body);
        Reply again = send(key, body);
        Reply changed = send(key, body.replace("only once", "something else"));
        Reply missing = send(null, body);

        assertEquals(200, first.status(), first.body());
        assertEquals(first.object(), again.object(), "a repeat is answered with the first send");
        assertEquals(422, changed.status(), changed.body());
        assertEquals("idempotency_key_reused", changed.error());
        assertEquals(400, missing.status(), missing.body());
        assertEquals("missing_idempotency_key", missing.error());
        assertEquals(1, server.get("/v1/inboxes/" + inboxId + "/messages?direction=outbound", account.token()).total());
    }

    @Test
    void aReplyStaysInTheThreadQuotesTheMessageAndMarksTheThreadRead() {
        Account other = server.openAccount();
        Reply theirInbox = server.post("/v1/inboxes", other.token(), "{}");
        String theirs = theirInbox.string("address");
        Reply question = sendAs(other, theirInbox.string("id"), UUID.randomUUID().toString(),
                "{\"to\":\"" + address + "\",\"subject\":\"Question\",\"body\":\"Can you help?\"}");
        assertEquals(200, question.status(), question.body());
        Map<String, Object> thread = server.get("/v1/inboxes/" + inboxId + "/threads", account.token()).data().get(0);
        assertEquals(false, thread.get("isRead"));

        Reply answer = send(UUID.randomUUID().toString(), "{\"to\":\"" + theirs + "\",\"threadId\":\"" + thread.get("id")
                + "\",\"body\":\"Yes, gladly.\"}");

        assertEquals(200, answer.status(), answer.body());
        assertEquals(thread.get("id"), answer.string("threadId"));
        Map<String, Object> mine = server.get("/v1/inboxes/" + inboxId + "/threads", account.token()).data().get(0);
        assertEquals(true, mine.get("isRead"), "a reply marks the thread read");
        assertEquals(2, ((Number) mine.get("messageCount")).intValue());
        Reply theirThreads = server.get("/v1/inboxes/" + theirInbox.string("id") + "/threads", other.token());
        assertEquals(1, theirThreads.total(), "the answer joins the asker's thread too");
        List<Map<String, Object>> conversation = server.get("/v1/threads/" + theirThreads.data().get(0).get("id")
                + "/messages", other.token()).data();
        Map<String, Object> reply = conversation.get(conversation.size() - 1);
        assertEquals("Re: Question", reply.get("subject"));
        String text = (String) reply.get("bodyText");
        assertTrue(text.startsWith("Yes, gladly."), text);
        assertTrue(text.contains("> Can you help?"), text);
    }

    @Test
    void aNewThreadNeedsASubjectAndAddressesAreChecked() {
        Reply noSubject = send(UUID.randomUUID().toString(), "{\"to\":\"" + address + "\",\"body\":\"hi\"}");
        assertEquals(400, noSubject.status(), noSubject.body());
        assertTrue(noSubject.string("message").contains("subject"));
        Reply injected = send(UUID.randomUUID().toString(),
                "{\"to\":\"" + address + "\",\"subject\":\"hi\\r\\nBcc: victim@example.org\",\"body\":\"hi\"}");
        assertEquals(400, injected.status(), injected.body());
        Reply badTo = send(UUID.randomUUID().toString(), "{\"to\":\"Bob <bob@example.org>\",\"subject\":\"hi\",\"body\":\"hi\"}");
        assertEquals(400, badTo.status(), badTo.body());
        assertTrue(badTo.string("message").contains("to"));
        Reply badCc = send(UUID.randomUUID().toString(),
                "{\"to\":\"" + address + "\",\"subject\":\"hi\",\"body\":\"hi\",\"cc\":[\"x@y.org\\nBcc: z@y.org\"]}");
        assertEquals(400, badCc.status(), badCc.body());
        assertEquals(0, server.get("/v1/inboxes/" + inboxId + "/messages", account.token()).total(), "nothing was sent");
    }

    @Test
    void outsideMailWaitsWhileTheRelayIsDownAndGoesOutSignedOnceItIsBack() throws Exception {
        String domain = VerifiedDomains.verified(server, account, null);
        Reply signedInbox = server.post("/v1/inboxes", account.token(), "{\"mailboxName\":\"billing\",\"domain\":\"" + domain + "\"}");
        assertEquals(201, signedInbox.status(), signedInbox.body());
        String recipient = "customer-" + UUID.randomUUID() + "@example.net";

        Reply queued = sendAs(account, signedInbox.string("id"), UUID.randomUUID().toString(),
                "{\"to\":\"" + recipient + "\",\"subject\":\"Your invoice\",\"body\":\"<p>Attached <b>soon</b>.</p>\"}");

        assertEquals(200, queued.status(), queued.body());
        assertEquals("pending", queued.string("status"), "nothing listens on the relay port yet");
        assertTrue(Eventually.holds(() -> server.queryForLong("SELECT COUNT(*) FROM outbox WHERE message_id = ? AND attempts >= 1",
                queued.string("messageId")) == 1, Duration.ofSeconds(20)), "the relay was tried and found down");
        GreenMail relay = new GreenMail(new ServerSetup(RunningServer.relayPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        try {
            // Other tests' outside mail may be waiting in the outbox too; this test looks for its own.
            assertTrue(Eventually.holds(() -> deliveredTo(relay, recipient) != null, Duration.ofSeconds(30)),
                    "the outbox delivered once the relay was back");
            MimeMessage delivered = deliveredTo(relay, recipient);
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            delivered.writeTo(raw);
            byte[] bytes = raw.toByteArray();
            assertTrue(new String(bytes, StandardCharsets.US_ASCII).contains("DKIM-Signature:"));

            List<SignatureRecord> valid = verifier(domain).verify(new ByteArrayInputStream(bytes));
            assertEquals(domain, valid.get(0).getDToken().toString());
            byte[] tampered = new String(bytes, StandardCharsets.ISO_8859_1).replace("Your invoice", "Your invoicf")
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThrows(FailException.class, () -> verifier(domain).verify(new ByteArrayInputStream(tampered)));

            String messageId = queued.string("messageId");
            assertTrue(Eventually.holds(() -> "sent".equals(statusOf(signedInbox.string("id"), messageId)), Duration.ofSeconds(20)),
                    "the message is marked sent");
        } finally {
            relay.stop();
        }
    }

    private static MimeMessage deliveredTo(GreenMail relay, String recipient) {
        for (MimeMessage message : relay.getReceivedMessages()) {
            try {
                // Mail of other tests may be there as well, some of it with no recipient header at all.
                Address[] recipients = message.getAllRecipients();
                if (recipients != null && Arrays.stream(recipients).anyMatch(address -> address.toString().equals(recipient))) {
                    return message;
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    private DKIMVerifier verifier(String domain) {
        Map<String, Object> dkim = ((List<Map<String, Object>>) server.get("/v1/domains/" + VerifiedDomains.idOf(server,
                account, domain), account.token()).object().get("records")).stream()
                .filter(record -> ((String) record.get("name")).contains("._domainkey.")).findFirst().orElseThrow();
        String txt = (String) dkim.get("value");
        return new DKIMVerifier((method, selector, token) -> List.of(txt));
    }

    private String statusOf(String inbox, String messageId) {
        return server.get("/v1/inboxes/" + inbox + "/messages?direction=outbound", account.token()).data().stream()
                .filter(message -> messageId.equals(message.get("id"))).map(message -> (String) message.get("status"))
                .findFirst().orElse(null);
    }


    private Reply send(String idempotencyKey, String body) {
        return sendAs(account, inboxId, idempotencyKey, body);
    }

    private Reply sendAs(Account sender, String inbox, String idempotencyKey, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/v1/inboxes/" + inbox + "/send"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return server.send(RunningServer.authorized(request, sender.token()));
    }
}
