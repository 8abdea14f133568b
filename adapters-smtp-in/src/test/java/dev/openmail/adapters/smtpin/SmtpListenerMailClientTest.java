package dev.openmail.adapters.smtpin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.port.in.ReceiveMail;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The listener driven by a real mail client, Angus Mail. */
class SmtpListenerMailClientTest {

    private static final String ALICE = "alice@example.org";
    private static final String BOB = "bob@example.org";
    private static final String SENDER = "sender@remote.example";
    private static final Path TLS = Path.of("src/test/resources/tls");

    private final FakeReceiveMail mail = new FakeReceiveMail(ALICE, BOB);
    private SmtpListener listener;

    @AfterEach
    void stopListener() {
        if (listener != null) {
            listener.stop();
        }
    }

    private int start(SmtpSettings settings) {
        listener = new SmtpListener(mail, settings);
        listener.start();
        return listener.port();
    }

    private static SmtpSettings settings() {
        return SmtpSettings.defaults()
                .withBindAddress("127.0.0.1")
                .withPort(0)
                .withHostname("mx.test.example")
                .withConnectionTimeout(Duration.ofSeconds(30));
    }

    private static Session session(int port, boolean requireStarttls) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.from", SENDER);
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        if (requireStarttls) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
            // the test certificates are self-signed
            properties.put("mail.smtp.ssl.trust", "*");
            properties.put("mail.smtp.ssl.checkserveridentity", "false");
        }
        return Session.getInstance(properties);
    }

    private static MimeMessage multipartMessage(Session session) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(SENDER, "Zoë Absender", "UTF-8"));
        message.setRecipients(Message.RecipientType.TO, new Address[] {new InternetAddress(ALICE)});
        message.setRecipients(Message.RecipientType.CC, new Address[] {new InternetAddress(BOB)});
        message.setSubject("Grüße aus Köln – 東京 ✓", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hallo, schöne Grüße!\r\n.a line that starts with a dot\r\n.\r\nThe end.\r\n", "UTF-8");
        byte[] attachment = new byte[10_000];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) (i * 31 + 7);
        }
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/octet-stream")));
        file.setFileName("données.bin");
        message.setContent(new MimeMultipart(text, file));
        message.saveChanges();
        return message;
    }

    private static byte[] bytesOf(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void multipartMessageWithAttachmentAndNonAsciiSubjectArrivesByteForByte() throws Exception {
        int port = start(settings());
        Session session = session(port, false);
        MimeMessage message = multipartMessage(session);
        byte[] expected = bytesOf(message);

        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }

        assertEquals(1, mail.stored.size());
        ReceiveMail.Command stored = mail.stored.get(0);
        assertArrayEquals(expected, stored.raw());
        assertEquals(SENDER, stored.envelopeSender());
        assertEquals(List.of(ALICE, BOB), stored.recipients());
        assertEquals("Grüße aus Köln – 東京 ✓",
                new MimeMessage(session, new java.io.ByteArrayInputStream(stored.raw())).getSubject());
    }

    @Test
    void clientSeesAnUnknownRecipientRefusedAndNothingIsStored() throws Exception {
        int port = start(settings());
        Session session = session(port, false);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(SENDER));
        message.setRecipients(Message.RecipientType.TO, "nobody@example.org");
        message.setText("Hello");

        SendFailedException failure = assertThrows(SendFailedException.class, () -> Transport.send(message));

        assertEquals("nobody@example.org", failure.getInvalidAddresses()[0].toString());
        assertTrue(mail.attempts.isEmpty());
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({
        "rsa-cert.pem, rsa-key-pkcs8.pem",
        "rsa-cert.pem, rsa-key-pkcs1.pem",
        "ec-cert.pem, ec-key-sec1.pem",
        "ec-cert.pem, ec-key-pkcs8.pem"
    })
    void messageSentOverStarttlsArrives(String certificate, String key) throws Exception {
        int port = start(settings().withTls(TLS.resolve(certificate), TLS.resolve(key)));
        Session session = session(port, true);
        MimeMessage message = multipartMessage(session);
        byte[] expected = bytesOf(message);

        // with starttls.required the client refuses to send in clear text
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }

        assertEquals(1, mail.stored.size());
        assertArrayEquals(expected, mail.stored.get(0).raw());
    }
}
