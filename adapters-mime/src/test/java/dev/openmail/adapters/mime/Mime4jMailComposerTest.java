package dev.openmail.adapters.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.mail.Composition;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.port.out.ComposeMail;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Mime4jMailComposerTest {

    private static final Instant DATE = Instant.parse("2024-03-05T23:30:07Z");

    /** RFC 5322 section 3.3 date-time, without the obsolete forms and with the zone this composer writes. */
    private static final Pattern RFC_5322_UTC_DATE = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                    + "\\d{2}:\\d{2}:\\d{2} \\+0000");

    private final Mime4jMailComposer composer = new Mime4jMailComposer();
    private final Mime4jMailParser parser = new Mime4jMailParser();

    @Test
    void everyHeaderFieldComesBack() {
        byte[] raw = composer.compose(new Draft()
                .cc("carol@example.org", "dave@example.org")
                .replyTo("replies@example.com")
                .inReplyTo("parent@example.net")
                .references("root@example.net", "parent@example.net")
                .build());

        ParsedMail mail = parser.parse(raw);
        assertEquals("jane@example.com", mail.from());
        assertEquals(List.of("bob@example.org", "bea@example.org"), mail.to());
        assertEquals(List.of("carol@example.org", "dave@example.org"), mail.cc());
        assertEquals("Quarterly numbers", mail.subject());
        assertEquals("msg-1@mail.example.com", mail.rfcMessageId());
        assertEquals("parent@example.net", mail.inReplyTo());
        assertEquals(List.of("root@example.net", "parent@example.net"), mail.references());
        Map<String, String> header = header(raw);
        assertEquals("Jane Doe <jane@example.com>", header.get("From"));
        assertEquals("replies@example.com", header.get("Reply-To"));
        assertEquals("1.0", header.get("MIME-Version"));
    }

    @Test
    void writesExactlyTheseHeaderFieldsInThisOrder() {
        byte[] full = composer.compose(new Draft()
                .cc("carol@example.org")
                .replyTo("replies@example.com")
                .inReplyTo("parent@example.net")
                .references("parent@example.net")
                .build());
        byte[] minimal = composer.compose(new Draft().build());

        assertEquals(List.of("Date", "From", "To", "Cc", "Reply-To", "Subject", "Message-ID", "In-Reply-To",
                        "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"),
                headerNames(full));
        assertEquals(List.of("Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type",
                "Content-Transfer-Encoding"), headerNames(minimal));
    }

    @Test
    void leavesOutToWhenThereAreOnlyCopyRecipients() {
        byte[] raw = composer.compose(new Draft().to().cc("carol@example.org").build());

        assertFalse(headerNames(raw).contains("To"));
        assertEquals(List.of("carol@example.org"), parser.parse(raw).cc());
    }

    @Test
    void referencesAndInReplyToAreBracketedIds() {
        byte[] raw = composer.compose(new Draft()
                .inReplyTo("c@example.net")
                .references("a@example.net", "b@example.net", "c@example.net")
                .build());

        Map<String, String> header = header(raw);
        assertEquals("<c@example.net>", header.get("In-Reply-To"));
        assertEquals("<a@example.net> <b@example.net> <c@example.net>", header.get("References"));
        assertEquals("<msg-1@mail.example.com>", header.get("Message-ID"));
        ParsedMail mail = parser.parse(raw);
        assertEquals("c@example.net", mail.inReplyTo());
        assertEquals(List.of("a@example.net", "b@example.net", "c@example.net"), mail.references());
    }

    @Test
    void nonAsciiSubjectDisplayNameBodyAndFilenameComeBackExactly() throws IOException {
        String subject = "Grüße aus Köln — 東京の会議について ✓ and a fairly long tail so the encoded words must fold";
        String displayName = "Zoë Ñúñez-Łukasiewicz, 山田太郎";
        String text = "Hallo Zoë,\r\nanbei die Zahlen für März: 5 €.\r\n\r\n— 太郎\r\n";
        String html = "<p>Hallo Zoë, anbei die Zahlen für <b>März</b> — 太郎</p>";
        String filename = "Übersicht März 2024 — 東京.pdf";
        byte[] content = "%PDF-1.7".getBytes(StandardCharsets.US_ASCII);

        byte[] raw = composer.compose(new Draft().displayName(displayName).subject(subject).text(text).html(html)
                .attach(filename, "application/pdf", content).build());

        ParsedMail mail = parser.parse(raw);
        assertEquals(subject, mail.subject());
        assertEquals(text, mail.bodyText());
        assertEquals(html, mail.bodyHtml());
        assertEquals(filename, mail.attachments().get(0).filename());
        assertEquals(displayName, dom(raw).getFrom().get(0).getName());
        assertTrue(asciiOnly(headerBlock(raw)), "RFC 5322 headers are ASCII; non-ASCII text must be encoded");
    }

    @Test
    void textThatMerelyLooksEncodedComesBackAsWritten() throws IOException {
        String lookalike = "=?UTF-8?B?SGFja2Vk?=";

        byte[] raw = composer.compose(new Draft().displayName(lookalike).subject(lookalike).build());

        assertEquals(lookalike, parser.parse(raw).subject());
        assertEquals(lookalike, dom(raw).getFrom().get(0).getName());
    }

    @Test
    void asciiDisplayNameWithSpecialsIsQuoted() throws IOException {
        String displayName = "Doe, Jane \"JD\" (Sales)";

        byte[] raw = composer.compose(new Draft().displayName(displayName).build());

        assertEquals("\"Doe, Jane \\\"JD\\\" (Sales)\" <jane@example.com>", header(raw).get("From"));
        assertEquals(displayName, dom(raw).getFrom().get(0).getName());
        assertEquals("jane@example.com", parser.parse(raw).from());
    }

    @Test
    void withoutDisplayNameFromIsTheBareAddress() {
        byte[] raw = composer.compose(new Draft().displayName(null).build());

        assertEquals("jane@example.com", header(raw).get("From"));
    }

    @Test
    void textOnlyIsOneUtf8TextPart() throws IOException {
        byte[] raw = composer.compose(new Draft().text("Café crème, s'il vous plaît.\r\n").build());

        Message message = dom(raw);
        assertEquals("text/plain", message.getMimeType());
        assertEquals("UTF-8", message.getCharset());
        assertEquals("quoted-printable", message.getContentTransferEncoding());
        ParsedMail mail = parser.parse(raw);
        assertEquals("Café crème, s'il vous plaît.\r\n", mail.bodyText());
        assertNull(mail.bodyHtml());
        assertTrue(mail.attachments().isEmpty());
    }

    @Test
    void asciiTextGoesAsItIs() throws IOException {
        String text = "Plain words, 100% ASCII = fine.\r\n";

        byte[] raw = composer.compose(new Draft().text(text).build());

        assertEquals("7bit", dom(raw).getContentTransferEncoding());
        assertTrue(new String(raw, StandardCharsets.US_ASCII).endsWith("\r\n\r\n" + text));
    }

    @Test
    void textAndHtmlMakeAnAlternativeWithPlainFirst() throws IOException {
        byte[] raw = composer.compose(new Draft().text("Hello *world*").html("<p>Hello <b>world</b></p>").build());

        Message message = dom(raw);
        assertEquals("multipart/alternative", message.getMimeType());
        List<Entity> parts = ((Multipart) message.getBody()).getBodyParts();
        assertEquals(List.of("text/plain", "text/html"), parts.stream().map(Entity::getMimeType).toList());
        assertEquals(List.of("UTF-8", "UTF-8"), parts.stream().map(Entity::getCharset).toList());
        ParsedMail mail = parser.parse(raw);
        assertEquals("Hello *world*", mail.bodyText());
        assertEquals("<p>Hello <b>world</b></p>", mail.bodyHtml());
        assertTrue(mail.attachments().isEmpty());
    }

    @Test
    void emptyHtmlIsLeftOut() throws IOException {
        byte[] raw = composer.compose(new Draft().html("").build());

        assertEquals("text/plain", dom(raw).getMimeType());
    }

    @Test
    void attachmentsMakeAMixedMessageWithTheBodyFirstAndExactBytes() throws IOException {
        byte[] binary = allByteValuesThenRandom(1024 * 1024);
        byte[] csv = "name;amount\r\nZoë;5\r\n".getBytes(StandardCharsets.UTF_8);

        byte[] raw = composer.compose(new Draft().text("See attached.").html("<p>See attached.</p>")
                .attach("data.bin", "application/octet-stream", binary)
                .attach("numbers.csv", "text/csv", csv)
                .build());

        Message message = dom(raw);
        assertEquals("multipart/mixed", message.getMimeType());
        List<Entity> parts = ((Multipart) message.getBody()).getBodyParts();
        assertEquals(List.of("multipart/alternative", "application/octet-stream", "text/csv"),
                parts.stream().map(Entity::getMimeType).toList());
        for (Entity attachment : parts.subList(1, 3)) {
            assertEquals("attachment", attachment.getDispositionType());
            assertEquals("base64", attachment.getContentTransferEncoding());
        }
        assertEquals(List.of("data.bin", "numbers.csv"),
                parts.subList(1, 3).stream().map(Entity::getFilename).toList());
        ParsedMail mail = parser.parse(raw);
        assertEquals("See attached.", mail.bodyText());
        assertEquals("<p>See attached.</p>", mail.bodyHtml());
        assertEquals(2, mail.attachments().size());
        assertAttachment("data.bin", "application/octet-stream", binary, mail.attachments().get(0));
        assertAttachment("numbers.csv", "text/csv", csv, mail.attachments().get(1));
    }

    @Test
    void textOnlyWithAttachmentHasTheTextPartFirst() throws IOException {
        byte[] raw = composer.compose(new Draft().attach("a.txt", "text/plain", new byte[] {'a'}).build());

        List<Entity> parts = ((Multipart) dom(raw).getBody()).getBodyParts();
        assertEquals(List.of("text/plain", "text/plain"), parts.stream().map(Entity::getMimeType).toList());
        assertNull(parts.get(0).getDispositionType());
        assertEquals("attachment", parts.get(1).getDispositionType());
    }

    @Test
    void nonAsciiAndLongFilenamesAreRfc2231Encoded() {
        String nonAscii = "Rechnung für Jürgen.pdf";
        String longName = "a-very-long-report-name-".repeat(20) + ".pdf";

        byte[] raw = composer.compose(new Draft()
                .attach(nonAscii, "application/pdf", new byte[] {1})
                .attach(longName, "application/pdf", new byte[] {2})
                .build());

        String message = new String(raw, StandardCharsets.US_ASCII);
        assertTrue(message.contains("filename*0*=UTF-8''Rechnung%20f%C3%BCr%20J%C3%BCrgen.pdf"), message);
        assertTrue(message.contains("filename*1*="), "a long name is split into sections");
        assertTrue(asciiOnly(raw), "the whole message is ASCII, so no raw UTF-8 slipped into a part header");
        List<ParsedAttachment> attachments = parser.parse(raw).attachments();
        assertEquals(nonAscii, attachments.get(0).filename());
        assertEquals(longName, attachments.get(1).filename());
    }

    @Test
    void plainFilenameIsAnOrdinaryParameter() throws IOException {
        byte[] raw = composer.compose(new Draft().attach("my report.pdf", "application/pdf", new byte[] {1}).build());

        assertTrue(new String(raw, StandardCharsets.US_ASCII)
                .contains("Content-Disposition: attachment; filename=\"my report.pdf\"\r\n"));
        assertEquals("my report.pdf", ((Multipart) dom(raw).getBody()).getBodyParts().get(1).getFilename());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "pdf", "application/", "/pdf", "text plain", "image/png; name=\"unclosed",
            "multipart/mixed; boundary=x"})
    void blankOrMalformedContentTypeBecomesOctetStream(String contentType) {
        byte[] content = {0, 1, 2, 3};

        byte[] raw = composer.compose(new Draft().attach("file.dat", contentType, content).build());

        assertAttachment("file.dat", "application/octet-stream", content, parser.parse(raw).attachments().get(0));
    }

    @Test
    void contentTypeParametersAreKept() throws IOException {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

        byte[] raw = composer.compose(new Draft().attach("menu.txt", "Text/Plain; charset=\"ISO-8859-1\"", latin1)
                .build());

        Entity part = ((Multipart) dom(raw).getBody()).getBodyParts().get(1);
        assertEquals("text/plain", part.getMimeType());
        assertEquals("ISO-8859-1", part.getCharset());
        assertArrayEquals(latin1, parser.parse(raw).attachments().get(0).content());
    }

    @Test
    void forwardedMessageIsNotBase64WhenItNeedsNoEncoding() throws IOException {
        byte[] forwarded = "From: a@example.org\r\nSubject: Old\r\n\r\nOld news.\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] eightBit = "Subject: Alt\r\n\r\nK\u00f6ln\r\n".getBytes(StandardCharsets.UTF_8);

        byte[] raw = composer.compose(new Draft()
                .attach("old.eml", "message/rfc822", forwarded)
                .attach("alt.eml", "message/rfc822", eightBit)
                .build());

        List<Entity> parts = ((Multipart) dom(raw).getBody()).getBodyParts();
        assertEquals("7bit", parts.get(1).getContentTransferEncoding());
        assertEquals("base64", parts.get(2).getContentTransferEncoding());
        List<ParsedAttachment> attachments = parser.parse(raw).attachments();
        assertAttachment("old.eml", "message/rfc822", forwarded, attachments.get(0));
        assertAttachment("alt.eml", "message/rfc822", eightBit, attachments.get(1));
    }

    @Test
    void everyLineEndsWithCrlfAndNoneIsTooLong() {
        String longLine = "x".repeat(3000);
        String text = "first line\nsecond line\rthird line\r\n" + longLine + "\n";
        List<String> manyRecipients = IntStream.range(0, 60).mapToObj(i -> "recipient" + i + "@example.org")
                .toList();

        byte[] raw = composer.compose(new Draft()
                .displayName("A " + "very".repeat(300) + " long name")
                .subject("word ".repeat(100) + "y".repeat(1500) + " Grüße")
                .to(manyRecipients.toArray(String[]::new))
                .text(text)
                .html("<p>" + "z".repeat(2000) + "</p>\n")
                .references(IntStream.range(0, 40).mapToObj(i -> "ref" + i + "@example.net").toArray(String[]::new))
                .attach("long-".repeat(200) + ".bin", "application/octet-stream", allByteValuesThenRandom(10_000))
                .build());

        assertLinesAreCrlfAndShort(raw);
        ParsedMail mail = parser.parse(raw);
        assertEquals("first line\r\nsecond line\r\nthird line\r\n" + longLine + "\r\n", mail.bodyText());
        assertEquals(manyRecipients, mail.to());
        assertEquals("word ".repeat(100) + "y".repeat(1500) + " Grüße", mail.subject());
    }

    @Test
    void lineBreaksInHeaderValuesAddNoHeaderField() throws IOException {
        byte[] raw = composer.compose(new Draft()
                .displayName("Eve\r\nBcc: victim@example.org")
                .subject("Hello\r\nX-Injected: yes\r\n\r\nfake body")
                .replyTo("eve@example.com\r\nX-Reply-Injected: yes")
                .inReplyTo("parent@example.net>\nX-In-Reply-Injected: yes")
                .references("ref@example.net>\rX-References-Injected: yes")
                .attach("evil.txt\r\nContent-Type: text/html", "text/plain\r\nX-Part-Injected: yes", new byte[] {'x'})
                .build());

        assertEquals(Set.of("Date", "From", "To", "Reply-To", "Subject", "Message-ID", "In-Reply-To", "References",
                "MIME-Version", "Content-Type"), Set.copyOf(headerNames(raw)));
        assertEquals("Hello  X-Injected: yes    fake body", parser.parse(raw).subject());
        assertEquals("Eve  Bcc: victim@example.org", dom(raw).getFrom().get(0).getName());
        Entity attachment = ((Multipart) dom(raw).getBody()).getBodyParts().get(1);
        assertEquals(Set.of("Content-Type", "Content-Transfer-Encoding", "Content-Disposition"),
                attachment.getHeader().getFields().stream().map(field -> field.getName()).collect(Collectors.toSet()));
        assertEquals("evil.txt  Content-Type: text/html", attachment.getFilename());
    }

    @Test
    void dateIsRfc5322InUtcWhateverTheDefaultZone() {
        TimeZone defaultZone = TimeZone.getDefault();
        String date;
        try {
            // a zone far from UTC, where the local date differs from the UTC one
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
            date = header(composer.compose(new Draft().build())).get("Date");
        } finally {
            TimeZone.setDefault(defaultZone);
        }

        assertTrue(RFC_5322_UTC_DATE.matcher(date).matches(), date);
        assertEquals("Tue, 5 Mar 2024 23:30:07 +0000", date);
        assertEquals(DATE, ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    }

    @Test
    void isTheComposeMailBean() {
        try (ApplicationContext context = ApplicationContext.builder().environmentPropertySource(false).start()) {
            assertInstanceOf(Mime4jMailComposer.class, context.getBean(ComposeMail.class));
        }
    }

    /** A composition with plain defaults; each test changes only what it is about. */
    private static final class Draft {
        private String displayName = "Jane Doe";
        private List<String> to = List.of("bob@example.org", "bea@example.org");
        private List<String> cc = List.of();
        private String replyTo;
        private String subject = "Quarterly numbers";
        private String text = "Numbers attached.";
        private String html;
        private String inReplyTo;
        private List<String> references = List.of();
        private final List<ParsedAttachment> attachments = new ArrayList<>();

        Draft displayName(String value) {
            displayName = value;
            return this;
        }

        Draft to(String... addresses) {
            to = List.of(addresses);
            return this;
        }

        Draft cc(String... addresses) {
            cc = List.of(addresses);
            return this;
        }

        Draft replyTo(String value) {
            replyTo = value;
            return this;
        }

        Draft subject(String value) {
            subject = value;
            return this;
        }

        Draft text(String value) {
            text = value;
            return this;
        }

        Draft html(String value) {
            html = value;
            return this;
        }

        Draft inReplyTo(String value) {
            inReplyTo = value;
            return this;
        }

        Draft references(String... ids) {
            references = List.of(ids);
            return this;
        }

        Draft attach(String filename, String contentType, byte[] content) {
            attachments.add(new ParsedAttachment(filename, contentType, content));
            return this;
        }

        Composition build() {
            return new Composition("jane@example.com", displayName, to, cc, replyTo, subject, text, html,
                    "msg-1@mail.example.com", inReplyTo, references, DATE, attachments);
        }
    }

    private static void assertAttachment(String filename, String contentType, byte[] content,
                                         ParsedAttachment attachment) {
        assertEquals(filename, attachment.filename());
        assertEquals(contentType, attachment.contentType());
        assertArrayEquals(content, attachment.content());
    }

    private static void assertLinesAreCrlfAndShort(byte[] raw) {
        int lineStart = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\r') {
                assertTrue(i + 1 < raw.length && raw[i + 1] == '\n', "bare CR at byte " + i);
            } else if (raw[i] == '\n') {
                assertTrue(i > 0 && raw[i - 1] == '\r', "bare LF at byte " + i);
                int length = i - 1 - lineStart;
                assertTrue(length <= 998, "line of " + length + " characters at byte " + lineStart);
                lineStart = i + 1;
            }
        }
        assertTrue(raw.length - lineStart <= 998, "last line too long");
        assertTrue(raw.length >= 2 && raw[raw.length - 2] == '\r' && raw[raw.length - 1] == '\n',
                "the message ends with CRLF");
    }

    /** Mime4j's own DOM parser, for what the module's parser does not report: structure and display names. */
    private static Message dom(byte[] raw) throws IOException {
        return new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(raw));
    }

    private static byte[] headerBlock(byte[] raw) {
        String message = new String(raw, StandardCharsets.ISO_8859_1);
        int end = message.indexOf("\r\n\r\n");
        assertTrue(end > 0, "the header ends with an empty line");
        return message.substring(0, end + 2).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The top-level header fields, unfolded, in the order written. */
    private static List<Map.Entry<String, String>> fields(byte[] raw) {
        String unfolded = new String(headerBlock(raw), StandardCharsets.US_ASCII).replaceAll("\r\n(?=[ \t])", "");
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (String line : unfolded.split("\r\n")) {
            int colon = line.indexOf(':');
            assertTrue(colon > 0, "not a header field: " + line);
            fields.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return fields;
    }

    private static List<String> headerNames(byte[] raw) {
        return fields(raw).stream().map(Map.Entry::getKey).toList();
    }

    private static Map<String, String> header(byte[] raw) {
        Map<String, String> header = new LinkedHashMap<>();
        fields(raw).forEach(field -> header.putIfAbsent(field.getKey(), field.getValue()));
        return header;
    }

    private static boolean asciiOnly(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Every byte value first, so none is missed, then random bytes so that a shifted or repeated block shows. */
    private static byte[] allByteValuesThenRandom(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
