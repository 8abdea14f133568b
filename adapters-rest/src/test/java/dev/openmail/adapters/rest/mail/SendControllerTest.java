package dev.openmail.adapters.rest.mail;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.HttpApi.Reply;
import dev.openmail.adapters.rest.support.RecordingSendMail;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.adapters.rest.support.TestAccounts.TestAccount;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.port.in.OpenAccount;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How POST /v1/inboxes/{id}/send reads its request; what sending does is tested end to end in bootstrap. */
@MicronautTest
@Property(name = "openmail.admin-token", value = ControllerTestSettings.ADMIN_TOKEN)
@Property(name = "micronaut.server.max-request-size", value = ControllerTestSettings.MAX_REQUEST_SIZE)
class SendControllerTest {

    private static final String INBOX = "inb_01bbbbbbbbbbbbbbbbbbbbbbbb";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper mapper;
    @Inject
    OpenAccount openAccount;
    @Inject
    RecordingSendMail sendMail;

    private HttpApi api;
    private TestAccount account;

    @BeforeEach
    void openAccount() {
        api = new HttpApi(server.getURL(), mapper);
        account = TestAccounts.open(openAccount);
        sendMail.clear();
    }

    @Test
    void everyFieldReachesTheUseCase() {
        Reply sent = send("key-1", "{\"to\":\"Bob@Example.org\",\"subject\":\"Hi\",\"body\":\"<p>x</p>\",\"bodyHtml\":null,"
                + "\"threadId\":\"thr_01cccccccccccccccccccccccc\",\"includeQuote\":false,\"replyTo\":\"me@example.org\","
                + "\"cc\":[\"c1@example.org\",\"c2@example.org\"]}");

        assertEquals(200, sent.status(), sent.body());
        assertEquals("msg_01aaaaaaaaaaaaaaaaaaaaaaaa", sent.string("messageId"));
        assertEquals("sent", sent.string("status"));
        OutgoingMail mail = sendMail.commands().get(0).mail();
        assertEquals("bob@example.org", mail.to());
        assertEquals(List.of("c1@example.org", "c2@example.org"), mail.cc());
        assertEquals("Hi", mail.subject());
        assertEquals("<p>x</p>", mail.body());
        assertNull(mail.bodyHtml());
        assertEquals("thr_01cccccccccccccccccccccccc", mail.threadOrNull().value());
        assertFalse(mail.includeQuote());
        assertEquals("me@example.org", mail.replyTo());
        assertEquals("key-1", sendMail.commands().get(0).idempotencyKey());
        assertEquals(INBOX, sendMail.commands().get(0).inboxId().value());
    }

    @Test
    void aQuoteIsIncludedUnlessTurnedOff() {
        send("k", "{\"to\":\"a@example.org\",\"subject\":\"s\",\"body\":\"b\"}");

        assertTrue(sendMail.commands().get(0).mail().includeQuote());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"subject\":\"s\",\"body\":\"b\"}", "{\"to\":\"a@example.org\",\"subject\":\"s\"}",
            "{\"to\":\"not an address\",\"subject\":\"s\",\"body\":\"b\"}",
            "{\"to\":\"a@example.org\",\"subject\":\"s\",\"body\":\"b\",\"cc\":\"c@example.org\"}",
            "{\"to\":\"a@example.org\",\"subject\":\"s\",\"body\":\"b\",\"includeQuote\":\"yes\"}",
            "{\"to\":\"a@example.org\",\"subject\":\"\",\"body\":\"b\"}",
            "{\"to\":\"a@example.org\",\"subject\":\"a\\nBcc: x@example.org\",\"body\":\"b\"}",
            "{\"to\":\"a@example.org\",\"subject\":\"s\",\"body\":\"\"}", ""})
    void aBadRequestIsRefusedBeforeAnythingIsSent(String body) {
        assertError(send("k", body), 400, "bad_request");
        assertTrue(sendMail.commands().isEmpty());
    }

    /** The send body is open in the OpenMail description: a client may send fields this server does not know. */
    @Test
    void unknownFieldsAreIgnored() {
        Reply sent = send("k", "{\"to\":\"a@example.org\",\"subject\":\"s\",\"body\":\"b\",\"metadata\":{\"a\":[1]},"
                + "\"trackOpens\":true}");

        assertEquals(200, sent.status(), sent.body());
        assertEquals("b", sendMail.commands().get(0).mail().body());
    }

    @Test
    void jsonAttachmentsAreDecodedFromBase64() {
        byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff, 1};
        String data = Base64.getEncoder().encodeToString(pdf);
        Reply sent = send("k", "{\"to\":\"a@example.org\",\"subject\":\"s\",\"body\":\"b\",\"attachments\":["
                + "{\"filename\":\"r.pdf\",\"contentType\":\"application/pdf\",\"data\":\"" + data + "\"},"
                + "{\"filename\":\"n.txt\",\"data\":\"aGVs\\r\\nbG8=\"}]}");

        assertEquals(200, sent.status(), sent.body());
        List<ParsedAttachment> attachments = sendMail.commands().get(0).mail().attachments();
        assertEquals(List.of("r.pdf", "n.txt"), attachments.stream().map(ParsedAttachment::filename).toList());
        assertEquals(List.of("application/pdf", "application/octet-stream"),
                attachments.stream().map(ParsedAttachment::contentType).toList());
        assertArrayEquals(pdf, attachments.get(0).content());
        assertEquals("hello", new String(attachments.get(1).content(), StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"filename\":\"a\",\"data\":\"not base64!\"}]", "[{\"filename\":\"a\",\"data\":\"QUJD\"},"
            + "{\"filename\":\"b\",\"data\":\"QUJDR\"}]", "[{\"filename\":\"a\"}]", "[{\"data\":\"QUJD\"}]",
            "[{\"filename\":\"a\",\"data\":7}]", "{\"filename\":\"a\",\"data\":\"QUJD\"}", "[\"QUJD\"]"})
    void aMalformedAttachmentIsRefusedByName(String attachments) {
        Reply refused = send("k", "{\"to\":\"a@example.org\",\"subject\":\"s\",\"body\":\"b\",\"attachments\":"
                + attachments + "}");

        assertError(refused, 400, "bad_request", "attachments");
        assertTrue(sendMail.commands().isEmpty());
    }

    @Test
    void aSendOfMoreThan100AttachmentsIsRefusedNamingTheField() {
        String one = "{\"filename\":\"a.txt\",\"data\":\"QQ==\"}";
        String fields = "{\"to\":\"a@example.org\",\"subject\":\"s\",\"body\":\"b\",\"attachments\":[";

        assertEquals(200, send("k100", fields + String.join(",", Collections.nCopies(100, one)) + "]}").status());
        assertEquals(100, sendMail.commands().get(0).mail().attachments().size());
        assertError(send("k101", fields + String.join(",", Collections.nCopies(101, one)) + "]}"), 400, "bad_request",
                "attachments");
        assertEquals(1, sendMail.commands().size());
    }

    @Test
    void aMultipartSendOfMoreThan100FilesIsRefusedNamingTheField() {
        List<String[]> files = Collections.nCopies(100, new String[]{"attachments", "a.txt", "A"});
        assertEquals(200, sendForm("k100", files).status());
        assertEquals(100, sendMail.commands().get(0).mail().attachments().size());

        List<String[]> tooMany = Collections.nCopies(101, new String[]{"attachments", "a.txt", "A"});
        assertError(sendForm("k101", tooMany), 400, "bad_request", "attachments");
        assertEquals(1, sendMail.commands().size());
    }

    /** The multipart body is open as the JSON one is: a file under another name (a typo) is ignored. */
    @Test
    void aMultipartFileUnderAnotherNameIsIgnored() {
        Reply sent = sendForm("k", List.of(new String[]{"attachment", "typo.txt", "ignored"},
                new String[]{"attachments", "kept.txt", "kept"}));

        assertEquals(200, sent.status(), sent.body());
        List<ParsedAttachment> attachments = sendMail.commands().get(0).mail().attachments();
        assertEquals(List.of("kept.txt"), attachments.stream().map(ParsedAttachment::filename).toList());
        assertEquals("b", sendMail.commands().get(0).mail().body());
    }

    @Test
    void aMalformedThreadIdIsAThreadNotFound() {
        assertError(send("k", "{\"to\":\"a@example.org\",\"body\":\"b\",\"threadId\":\"nope\"}"), 404, "not_found");
        assertTrue(sendMail.commands().isEmpty());
    }

    /** A multipart send to a@example.org with subject s and body b, and files given as name, file name, content. */
    private Reply sendForm(String key, List<String[]> files) {
        String boundary = "----form" + System.nanoTime();
        StringBuilder form = new StringBuilder();
        for (String[] field : List.of(new String[]{"to", "a@example.org"}, new String[]{"subject", "s"},
                new String[]{"body", "b"})) {
            form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field[0])
                    .append("\"\r\n\r\n").append(field[1]).append("\r\n");
        }
        for (String[] file : files) {
            form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(file[0])
                    .append("\"; filename=\"").append(file[1]).append("\"\r\nContent-Type: text/plain\r\n\r\n")
                    .append(file[2]).append("\r\n");
        }
        form.append("--").append(boundary).append("--\r\n");
        HttpRequest.Builder request = api.request("/v1/inboxes/" + INBOX + "/send", account.token())
                .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Idempotency-Key", key);
        return api.send(request);
    }

    private Reply send(String key, String body) {
        HttpRequest.Builder request = api.request("/v1/inboxes/" + INBOX + "/send", account.token())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key);
        return api.send(request);
    }
}
