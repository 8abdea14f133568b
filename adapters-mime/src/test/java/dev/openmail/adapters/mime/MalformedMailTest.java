package dev.openmail.adapters.mime;

import static dev.openmail.adapters.mime.Mime4jMailParserTest.latin1;
import static dev.openmail.adapters.mime.Mime4jMailParserTest.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.mail.ParsedMail;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Whatever arrives must parse without an exception, keeping as much as can be read. */
class MalformedMailTest {

    private final Mime4jMailParser parser = new Mime4jMailParser();

    @Test
    void emptyInputGivesNothing() {
        ParsedMail mail = parser.parse(new byte[0]);

        assertEquals(new ParsedMail(null, List.of(), List.of(), null, null, null, List.of(), null, null, List.of()),
                mail);
    }

    @Test
    void messageWithoutAnyHeaderIsAllBodyText() {
        String text = "Just a note without any header.\r\nSecond line: with a colon.\r\nThird line.\r\n";

        ParsedMail mail = parser.parse(utf8(text));

        assertEquals(text, mail.bodyText());
        assertNull(mail.from());
        assertNull(mail.subject());
    }

    @Test
    void messageStartingWithAnEmptyLineHasAnEmptyHeader() {
        ParsedMail mail = parser.parse(utf8("\r\nFrom: not-a-header@example.com\r\n"));

        assertNull(mail.from());
        assertEquals("From: not-a-header@example.com\r\n", mail.bodyText());
    }

    @Test
    void lineThatIsNoHeaderFieldStartsTheBodyWhenTheEmptyLineIsMissing() {
        ParsedMail mail = parser.parse(utf8("From: a@example.com\r\nno empty line before this body\r\n"));

        assertEquals("a@example.com", mail.from());
        assertEquals("no empty line before this body\r\n", mail.bodyText());
    }

    @Test
    void multipartWithoutBoundaryParameterKeepsItsText() {
        ParsedMail mail = parser.parse(utf8("""
                Subject: no boundary
                Content-Type: multipart/mixed

                --foo
                Content-Type: text/plain

                hello
                --foo--
                """));

        assertEquals("no boundary", mail.subject());
        assertTrue(mail.bodyText().contains("hello"), mail.bodyText());
    }

    @Test
    void multipartWhoseBoundaryNeverAppearsKeepsItsText() {
        ParsedMail mail = parser.parse(utf8("""
                Content-Type: multipart/mixed; boundary="declared"

                --other
                Content-Type: text/plain

                hello
                --other--
                """));

        assertTrue(mail.bodyText().contains("hello"), mail.bodyText());
        assertTrue(mail.attachments().isEmpty());
    }

    @Test
    void multipartWithoutClosingBoundaryKeepsItsParts() {
        ParsedMail mail = parser.parse(utf8("""
                Content-Type: multipart/alternative; boundary=b

                --b
                Content-Type: text/plain

                plain
                --b
                Content-Type: text/html

                <p>html</p>
                """));

        assertEquals("plain", mail.bodyText());
        assertEquals("<p>html</p>\r\n", mail.bodyHtml());
    }

    @Test
    void messageTruncatedInsideAnAttachmentKeepsWhatArrived() {
        ParsedMail mail = parser.parse(utf8("""
                From: sender@example.com
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                the text
                --b
                Content-Type: application/pdf; name=cut.pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                JVBERi"""));

        assertEquals("sender@example.com", mail.from());
        assertEquals("the text", mail.bodyText());
        assertEquals(1, mail.attachments().size());
        assertEquals("cut.pdf", mail.attachments().get(0).filename());
        assertTrue(new String(mail.attachments().get(0).content(), StandardCharsets.ISO_8859_1).startsWith("%PDF-1.4\n"));
    }

    @Test
    void messageTruncatedInsideTheHeaderKeepsTheFieldsThatArrived() {
        ParsedMail mail = parser.parse(utf8("From: sender@example.com\r\nTo: a@example.com\r\nSubject: Hel"));

        assertEquals("sender@example.com", mail.from());
        assertEquals(List.of("a@example.com"), mail.to());
        assertEquals("Hel", mail.subject());
        assertNull(mail.bodyText());
    }

    @Test
    void bareLineFeedsAreReadLikeCrLf() {
        byte[] raw = ("From: Jane <jane@example.com>\n"
                + "Subject: bare\n"
                + "Content-Type: multipart/alternative; boundary=\"lf\"\n"
                + "\n"
                + "--lf\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: quoted-printable\n"
                + "\n"
                + "caf=C3=A9 soft=\n"
                + "break\n"
                + "--lf\n"
                + "Content-Type: text/html\n"
                + "\n"
                + "<p>html</p>\n"
                + "--lf--\n").getBytes(StandardCharsets.US_ASCII);

        ParsedMail mail = parser.parse(raw);

        assertEquals("jane@example.com", mail.from());
        assertEquals("bare", mail.subject());
        assertEquals("café softbreak", mail.bodyText());
        assertEquals("<p>html</p>", mail.bodyHtml());
    }

    @Test
    void eightBitGarbageInHeaderAndBodyIsReadAsFarAsPossible() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(latin1("From: J\u00f6rg <joerg@example.com>\r\nSubject: caf\u00e9 \u00ff\u00fe\r\n\r\nstart "));
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        raw.writeBytes(garbage);

        ParsedMail mail = parser.parse(raw.toByteArray());

        assertEquals("joerg@example.com", mail.from());
        assertTrue(mail.subject().startsWith("caf"), mail.subject());
        assertTrue(mail.bodyText().startsWith("start "), mail.bodyText());
    }

    @Test
    void rawUtf8InHeadersIsRead() {
        ParsedMail mail = parser.parse(utf8("Subject: Grüße 👋\r\nTo: Jörg <joerg@example.com>\r\n\r\nx"));

        assertEquals("Grüße 👋", mail.subject());
        assertEquals(List.of("joerg@example.com"), mail.to());
    }

    @Test
    void unknownOrMissingCharsetIsReadAsUtf8() {
        ParsedMail unknown = parser.parse(utf8("Content-Type: text/plain; charset=x-klingon\r\n\r\nGrüße"));
        ParsedMail invalid = parser.parse(utf8("Content-Type: text/html; charset=\"?!bad name\"\r\n\r\n<b>Grüße</b>"));
        ParsedMail missing = parser.parse(utf8("Content-Type: text/plain\r\n\r\nGrüße"));
        ParsedMail asciiClaimed = parser.parse(utf8("Content-Type: text/plain; charset=us-ascii\r\n\r\nGrüße"));

        assertEquals("Grüße", unknown.bodyText());
        assertEquals("<b>Grüße</b>", invalid.bodyHtml());
        assertEquals("Grüße", missing.bodyText());
        assertEquals("Grüße", asciiClaimed.bodyText());
    }

    @Test
    void brokenTransferEncodingsAndHeaderSyntaxDoNotThrow() {
        ParsedMail mail = parser.parse(utf8("""
                From: not an address at all
                To: ,,, <>, @, "unclosed
                Content-Type: multipart/mixed; boundary="b

                --b
                Content-Type: text/plain; charset="utf-8
                Content-Transfer-Encoding: quoted-printable

                broken =ZZ escape=
                --b
                Content-Type: ;;;
                Content-Disposition: attachment; filename*=x-unknown''%FF%
                Content-Transfer-Encoding: base64

                !!!not base64@@@
                --b--
                """));

        assertNull(mail.from());
        assertEquals(List.of(), mail.to());
        assertTrue(mail.bodyText().startsWith("broken"), mail.bodyText());
        assertEquals(1, mail.attachments().size());
        assertNotNull(mail.attachments().get(0).filename());
    }

    @Test
    void headerLinesLongerThan998CharactersAreRead() {
        String subject = "long ".repeat(2000).strip();
        List<String> recipients = IntStream.range(0, 300).mapToObj(i -> "user" + i + "@example.com").toList();

        ParsedMail mail = parser.parse(utf8("Subject: " + subject + "\r\n"
                + "X-Huge: " + "x".repeat(200_000) + "\r\n"
                + "To: " + String.join(", ", recipients) + "\r\n"
                + "\r\nbody"));

        assertEquals(subject, mail.subject());
        assertEquals(recipients, mail.to());
        assertEquals("body", mail.bodyText());
    }

    @Test
    void sixtyLevelsOfNestingDoNotThrowAndPartsBelowTheCapAreIgnored() {
        ParsedMail mail = parser.parse(utf8("Content-Type: multipart/mixed; boundary=top\r\n\r\n"
                + "--top\r\nContent-Type: text/plain\r\n\r\nshallow\r\n"
                + "--top\r\n" + nested(59, "Content-Type: text/html\r\n\r\ndeep") + "\r\n"
                + "--top--\r\n"));

        assertEquals("shallow", mail.bodyText());
        assertNull(mail.bodyHtml());
    }

    @Test
    void partsAreReadDownToTheCapAndNotBelow() {
        String leaf = "Content-Type: text/plain\r\n\r\nleaf";

        ParsedMail atTheCap = parser.parse(utf8("From: a@example.com\r\n" + nested(Mime4jMailParser.MAX_DEPTH, leaf)));
        ParsedMail belowTheCap = parser.parse(utf8("From: a@example.com\r\n"
                + nested(Mime4jMailParser.MAX_DEPTH + 1, leaf)));

        assertEquals("leaf", atTheCap.bodyText());
        assertNull(belowTheCap.bodyText());
        assertEquals("a@example.com", belowTheCap.from());
    }

    @Test
    void hostileNestingDepthDoesNotExhaustTheStack() {
        ParsedMail mail = parser.parse(utf8("Subject: deep\r\n" + nested(20_000, "Content-Type: text/plain\r\n\r\nx")));

        assertEquals("deep", mail.subject());
        assertNull(mail.bodyText());
    }

    @Test
    void attachmentInsideMalformedStructureStillDecodesExactly() {
        byte[] content = new byte[1000];
        new Random(3).nextBytes(content);
        String encoded = Base64.getMimeEncoder().encodeToString(content);

        ParsedMail mail = parser.parse(("Content-Type: multipart/mixed; boundary=b\n\n"
                + "--b\nContent-Type: application/octet-stream; name=data.bin\nContent-Transfer-Encoding: base64\n\n"
                + encoded.replace("\r\n", "\n")).getBytes(StandardCharsets.US_ASCII));

        assertArrayEquals(content, mail.attachments().get(0).content());
    }

    /** {@code levels} multiparts, each the only part of the one above, around {@code leaf}. */
    private static String nested(int levels, String leaf) {
        StringBuilder opening = new StringBuilder();
        StringBuilder closing = new StringBuilder();
        for (int level = 1; level <= levels; level++) {
            // "x" keeps one boundary from being a prefix of another, as b1 is of b10
            String boundary = "b" + level + "x";
            opening.append("Content-Type: multipart/mixed; boundary=").append(boundary).append("\r\n\r\n")
                    .append("--").append(boundary).append("\r\n");
            closing.insert(0, "\r\n--" + boundary + "--\r\n");
        }
        return opening + leaf + closing;
    }
}
