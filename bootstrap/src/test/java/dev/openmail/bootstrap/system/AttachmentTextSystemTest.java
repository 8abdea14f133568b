package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.BlockingExtractor;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.bootstrap.support.WebhookReceiver;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attachment text end to end over SMTP, on a server of its own (H2, private webhook targets allowed): the webhook's
 * {@code message.received} waits for the texts and carries them, the message view and {@code GET .../text} carry them
 * too, a message without attachments is posted at once, and neither the SMTP answer nor the API waits for extraction.
 */
class AttachmentTextSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Polish in ISO-8859-2: read as windows-1252, as a guess without the declared charset would, it comes out wrong. */
    private static final String NOTE = "Faktura 2847: za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144";
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private RunningServer server;
    private WebhookReceiver receiver;

    @AfterEach
    void stop() {
        BlockingExtractor.release.countDown();
        if (receiver != null) {
            receiver.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(boolean blocking) {
        Map<String, Object> settings = new HashMap<>(Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.webhooks.allow-private-targets", true, "openmail.webhooks.poll-interval", "50ms",
                "openmail.extraction.poll-interval", "50ms"));
        if (blocking) {
            BlockingExtractor.release = new CountDownLatch(1);
            BlockingExtractor.STARTED.set(0); // counted afresh: an earlier test's server counted too
            settings.put("openmail.test.blocking-extractor", "true");
            settings.put("openmail.extraction.concurrency", "2");
        }
        server = RunningServer.start(TestDatabase.h2(), settings);
        receiver = new WebhookReceiver();
    }

    private Reply inbox(Account account) {
        Reply inbox = server.post("/v1/inboxes", account.token(),
                "{\"webhookUrl\":\"" + receiver.url("/hook") + "\"}");
        assertEquals(201, inbox.status(), inbox.body());
        return inbox;
    }

    @Test
    void theWebhookTheMessageAndTheTextRouteCarryTheTextsOfPlainAndCsvAttachments() throws Exception {
        start(false);
        Account account = server.openAccount();
        Reply inbox = inbox(account);

        sendWithFiles(inbox.string("address"), "Invoice", "notes.txt", "text/plain; charset=ISO-8859-2",
                NOTE.getBytes(Charset.forName("ISO-8859-2")),
                "rows.csv", "text/csv", "item,amount\nwidget,1250.00\n".getBytes(StandardCharsets.UTF_8));

        assertTrue(Eventually.holds(() -> receiver.receivedAt("/hook").size() == 1, WAIT), "the webhook was posted");
        Map<String, Object> message = object(json(receiver.receivedAt("/hook").get(0).bodyText()), "message");
        List<Map<String, Object>> attachments = list(message, "attachments");
        assertEquals("notes.txt", attachments.get(0).get("filename"));
        assertEquals("text", attachments.get(0).get("extractionMethod"));
        assertEquals(NOTE, attachments.get(0).get("parsedText"));
        assertEquals(false, attachments.get(0).get("parsedTextTruncated"));
        assertEquals("csv", attachments.get(1).get("extractionMethod"));
        assertEquals("item,amount\nwidget,1250.00", ((String) attachments.get(1).get("parsedText"))
                .replace("\r\n", "\n").strip());

        Reply messages = server.get("/v1/inboxes/" + inbox.string("id") + "/messages", account.token());
        List<Map<String, Object>> viewed = list(messages.data().get(0), "attachments");
        assertEquals("text", viewed.get(0).get("extractionMethod"));
        assertEquals(NOTE, viewed.get(0).get("parsedText"));
        // the declared charset is kept with the type, for a download to be read as the sender wrote it
        assertEquals("text/plain; charset=iso-8859-2", viewed.get(0).get("contentType"));
        assertEquals("csv", viewed.get(1).get("extractionMethod"));
        Reply thread = server.get("/v1/threads/" + messages.data().get(0).get("threadId") + "/messages",
                account.token());
        assertEquals("text", list(thread.data().get(0), "attachments").get(0).get("extractionMethod"));

        String messageId = (String) message.get("id");
        java.net.http.HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.uri("/v1/attachments/" + messageId + "/notes.txt"))
                        .header("Authorization", "Bearer " + account.token()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("text/plain; charset=iso-8859-2", download.headers().firstValue("Content-Type").orElse(""));
        assertEquals(NOTE, new String(download.body(), Charset.forName("ISO-8859-2")));
        Reply text = server.get("/v1/attachments/" + messageId + "/rows.csv/text", account.token());
        assertEquals(200, text.status(), text.body());
        assertEquals("rows.csv", text.string("filename"));
        assertTrue(text.string("contentType").startsWith("text/csv"), text.string("contentType"));
        assertEquals("csv", text.string("extractionMethod"));
        assertTrue(text.string("text").contains("widget,1250.00"));
        Reply missing = server.get("/v1/attachments/" + messageId + "/nothing.txt/text", account.token());
        assertEquals(404, missing.status());
        Reply other = server.get("/v1/attachments/" + messageId + "/rows.csv/text", server.openAccount().token());
        assertEquals(404, other.status(), "another account's attachment is never found");
    }

    @Test
    void aFileSentFromOneInboxHereToAnotherReachesTheRecipientsWebhookWithItsText() throws Exception {
        start(false);
        Account sender = server.openAccount();
        Reply from = server.post("/v1/inboxes", sender.token(), "{}");
        Account recipient = server.openAccount();
        Reply to = inbox(recipient);

        Reply sent = server.send(RunningServer.authorized(java.net.http.HttpRequest.newBuilder(
                        server.uri("/v1/inboxes/" + from.string("id") + "/send"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"to\":\"" + to.string("address")
                        + "\",\"subject\":\"Totals\",\"body\":\"Attached.\",\"attachments\":[{\"filename\":"
                        + "\"rows.csv\",\"contentType\":\"text/csv\",\"data\":\"" + java.util.Base64.getEncoder()
                        .encodeToString("item,amount\nwidget,1250.00\n".getBytes(StandardCharsets.UTF_8))
                        + "\"}]}")), sender.token()));
        assertEquals(200, sent.status(), sent.body());

        assertTrue(Eventually.holds(() -> receiver.receivedAt("/hook").size() == 1, WAIT), "the webhook was posted");
        Map<String, Object> event = json(receiver.receivedAt("/hook").get(0).bodyText());
        assertEquals("message.received", event.get("event"));
        Map<String, Object> attachment = list(object(event, "message"), "attachments").get(0);
        assertEquals("csv", attachment.get("extractionMethod"));
        assertTrue(((String) attachment.get("parsedText")).contains("widget,1250.00"), attachment.toString());
    }

    @Test
    void aPdfAndADocxArrivingOverSmtpReachTheWebhookAndTheTextRouteAsTheirText() throws Exception {
        start(false);
        Account account = server.openAccount();
        Reply inbox = inbox(account);

        sendWithFiles(inbox.string("address"), "Invoice", "invoice.pdf", "application/pdf",
                pdf("Invoice 2847 total 1250.00 USD"), "contract.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                docx("Contract between Acme and Globex"));

        assertTrue(Eventually.holds(() -> receiver.receivedAt("/hook").size() == 1, Duration.ofSeconds(90)),
                "the webhook was posted once the texts were read");
        Map<String, Object> message = object(json(receiver.receivedAt("/hook").get(0).bodyText()), "message");
        List<Map<String, Object>> attachments = list(message, "attachments");
        assertEquals("pdf", attachments.get(0).get("extractionMethod"), attachments.toString());
        assertTrue(((String) attachments.get(0).get("parsedText")).contains("Invoice 2847 total 1250.00 USD"),
                attachments.toString());
        assertEquals("office", attachments.get(1).get("extractionMethod"), attachments.toString());
        assertTrue(((String) attachments.get(1).get("parsedText")).contains("Contract between Acme and Globex"),
                attachments.toString());

        Reply pdf = server.get("/v1/attachments/" + message.get("id") + "/invoice.pdf/text", account.token());
        assertEquals(200, pdf.status(), pdf.body());
        assertEquals("pdf", pdf.string("extractionMethod"));
        assertTrue(pdf.string("text").contains("Invoice 2847 total 1250.00 USD"), pdf.body());
        Reply docx = server.get("/v1/attachments/" + message.get("id") + "/contract.docx/text", account.token());
        assertEquals(200, docx.status(), docx.body());
        assertEquals("office", docx.string("extractionMethod"));
        assertTrue(docx.string("text").contains("Contract between Acme and Globex"), docx.body());
    }

    /** A one-page PDF whose text layer says {@code text}, with a correct cross-reference table. */
    static byte[] pdf(String text) {
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> >>",
                null,
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        String stream = "BT /F1 18 Tf 72 700 Td (" + text + ") Tj ET";
        objects[3] = "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream";
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.length; i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The smallest Word document (OOXML) whose one paragraph says {@code text}. */
    static byte[] docx(String text) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                    + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            entry(zip, "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    + "<w:body><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:body></w:document>");
        }
        return bytes.toByteArray();
    }

    private static void entry(java.util.zip.ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new java.util.zip.ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    @Test
    void aFileWithoutTextAnswers422NamingTheReasonAndItsViewSaysUnsupported() throws Exception {
        start(false);
        Account account = server.openAccount();
        Reply inbox = inbox(account);
        sendWithFiles(inbox.string("address"), "Song", "song.mp3", "audio/mpeg", new byte[]{'I', 'D', '3', 0});
        assertTrue(Eventually.holds(() -> receiver.receivedAt("/hook").size() == 1, WAIT));
        Map<String, Object> message = object(json(receiver.receivedAt("/hook").get(0).bodyText()), "message");
        Map<String, Object> attachment = list(message, "attachments").get(0);
        assertEquals("unsupported", attachment.get("extractionMethod"));
        assertNull(attachment.get("parsedText"));

        Reply text = server.get("/v1/attachments/" + message.get("id") + "/song.mp3/text", account.token());

        assertEquals(422, text.status(), text.body());
        assertEquals("extraction_failed", text.error());
        assertTrue(text.string("message").contains("unsupported"), text.body());
    }

    @Test
    void smtpAndTheApiAnswerWhileExtractionIsStuckAndAMessageWithoutAttachmentsIsPostedAtOnce() throws Exception {
        start(true);
        Account account = server.openAccount();
        Reply inbox = inbox(account);
        String address = inbox.string("address");

        // the SMTP answer comes back although the extractor is stuck on the file
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                sendWithFiles(address, "Stuck", "stuck.txt", "text/plain", "later".getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sent.get(30, TimeUnit.SECONDS);
        assertTrue(Eventually.holds(() -> BlockingExtractor.STARTED.get() > 0, WAIT), "extraction began");
        send(address, "Plain");

        assertTrue(Eventually.holds(() -> receiver.receivedAt("/hook").size() == 1, WAIT),
                "the message without attachments is posted at once");
        assertEquals("Plain", object(json(receiver.receivedAt("/hook").get(0).bodyText()), "message")
                .get("subject"));
        Reply messages = server.get("/v1/inboxes/" + inbox.string("id") + "/messages", account.token());
        assertEquals(200, messages.status(), "the API answers meanwhile");
        assertEquals(2, messages.data().size());
        Map<String, Object> stuck = messages.data().stream().filter(m -> "Stuck".equals(m.get("subject")))
                .findFirst().orElseThrow();
        assertNull(list(stuck, "attachments").get(0).get("extractionMethod"), "not read yet");
        assertEquals(1, receiver.receivedAt("/hook").size(), "the stuck message's event waits for its text");

        BlockingExtractor.release.countDown();

        assertTrue(Eventually.holds(() -> receiver.receivedAt("/hook").size() == 2, WAIT));
        Map<String, Object> late = object(json(receiver.receivedAt("/hook").get(1).bodyText()), "message");
        assertEquals("Stuck", late.get("subject"));
        assertEquals("later", list(late, "attachments").get(0).get("parsedText"));
    }

    @Test
    void onDemandWithEverySlotBusyAnswers503WithRetryAfter() throws Exception {
        start(true);
        Account account = server.openAccount();
        Reply inbox = inbox(account);
        for (int i = 0; i < 3; i++) { // two fill the slots, a third waits in the queue
            sendWithFiles(inbox.string("address"), "Busy " + i, "f.txt", "text/plain", "x".getBytes());
        }
        assertTrue(Eventually.holds(() -> BlockingExtractor.STARTED.get() >= 2, WAIT), "both slots are taken");
        Reply messages = server.get("/v1/inboxes/" + inbox.string("id") + "/messages", account.token());
        String waiting = messages.data().stream().map(m -> (String) m.get("id")).filter(id -> {
            return list(messages.data().stream().filter(m -> id.equals(m.get("id"))).findFirst().orElseThrow(),
                    "attachments").get(0).get("extractionMethod") == null;
        }).findFirst().orElseThrow();

        Reply busy = server.get("/v1/attachments/" + waiting + "/f.txt/text", account.token());

        assertEquals(503, busy.status(), busy.body());
        assertEquals("extraction_busy", busy.error());
        assertFalse(busy.headers().getOrDefault("retry-after", busy.headers().getOrDefault("Retry-After", List.of()))
                .isEmpty(), busy.headers().toString());
    }

    // ---- helpers

    private void sendWithFiles(String to, String subject, Object... files) throws Exception {
        MimeMessage mail = new MimeMessage(session());
        mail.setFrom(new InternetAddress("alice@example.org"));
        mail.setRecipients(RecipientType.TO, to);
        mail.setSubject(subject, "UTF-8");
        List<MimeBodyPart> parts = new ArrayList<>();
        MimeBodyPart body = new MimeBodyPart();
        body.setText("See attached.", "UTF-8");
        parts.add(body);
        for (int i = 0; i < files.length; i += 3) {
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource((byte[]) files[i + 2], (String) files[i + 1])));
            file.setFileName((String) files[i]);
            file.setHeader("Content-Transfer-Encoding", "base64");
            parts.add(file);
        }
        mail.setContent(new MimeMultipart(parts.toArray(new MimeBodyPart[0])));
        mail.saveChanges();
        Transport.send(mail);
    }

    private void send(String to, String subject) throws Exception {
        MimeMessage mail = new MimeMessage(session());
        mail.setFrom(new InternetAddress("alice@example.org"));
        mail.setRecipients(RecipientType.TO, to);
        mail.setSubject(subject, "UTF-8");
        mail.setText("Hello", "UTF-8");
        mail.saveChanges();
        Transport.send(mail);
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        return Session.getInstance(properties);
    }

    static Map<String, Object> json(String text) throws IOException {
        return JSON.readValue(text, Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> json, String field) {
        return (Map<String, Object>) json.get(field);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> json, String field) {
        return (List<Map<String, Object>>) json.get(field);
    }
}
