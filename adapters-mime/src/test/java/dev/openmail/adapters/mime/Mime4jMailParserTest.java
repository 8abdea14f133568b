package dev.openmail.adapters.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.port.out.ParseMail;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Mime4jMailParserTest {

    private final Mime4jMailParser parser = new Mime4jMailParser();

    @Test
    void multipartAlternativeInQuotedPrintableUtf8GivesBothBodies() {
        ParsedMail mail = parser.parse(utf8("""
                From: Jane Doe <jane@example.com>
                To: team@example.org
                Subject: Greetings
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                Gr=C3=BC=C3=9Fe aus K=C3=B6ln =E2=80=94 see=
                 you at 9 =E2=9C=93
                --alt
                Content-Type: text/html; charset="utf-8"
                Content-Transfer-Encoding: quoted-printable

                <p>Gr=C3=BC=C3=9Fe aus <b>K=C3=B6ln</b></p>
                --alt--
                """));

        assertEquals("Grüße aus Köln — see you at 9 ✓", mail.bodyText());
        assertEquals("<p>Grüße aus <b>Köln</b></p>", mail.bodyHtml());
        assertEquals("jane@example.com", mail.from());
        assertEquals(List.of("team@example.org"), mail.to());
        assertEquals("Greetings", mail.subject());
        assertTrue(mail.attachments().isEmpty());
    }

    @Test
    void iso88591BodyInEightBitIsDecodedFromItsCharset() {
        ParsedMail mail = parser.parse(latin1("""
                Subject: Dessert
                Content-Type: text/plain; charset=ISO-8859-1
                Content-Transfer-Encoding: 8bit

                caf\u00e9 cr\u00e8me br\u00fbl\u00e9e"""));

        assertEquals("café crème brûlée", mail.bodyText());
        assertNull(mail.bodyHtml());
    }

    @Test
    void iso88591HtmlInQuotedPrintableIsDecodedFromItsCharset() {
        ParsedMail mail = parser.parse(utf8("""
                Content-Type: text/html; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                <i>na=EFve fa=E7ade</i>"""));

        assertEquals("<i>naïve façade</i>", mail.bodyHtml());
        assertNull(mail.bodyText());
    }

    @Test
    void windows1252BodyKeepsSmartQuotesAndTheEuroSign() {
        ParsedMail mail = parser.parse(latin1("""
                Content-Type: text/plain; charset=windows-1252
                Content-Transfer-Encoding: 8bit

                \u0093Smart\u0094 price: \u0080 5 \u0096 final"""));

        assertEquals("\u201cSmart\u201d price: \u20ac 5 \u2013 final", mail.bodyText());
    }

    @Test
    void textLabelledIso88591ButWrittenInWindows1252IsReadAsWindows1252() {
        ParsedMail mail = parser.parse(latin1("""
                Content-Type: text/plain; charset=iso-8859-1

                costs \u0080 5"""));

        assertEquals("costs € 5", mail.bodyText());
    }

    @Test
    void encodedWordSubjectWithEmojiIsDecodedAndUnfolded() {
        ParsedMail mail = parser.parse(utf8("Subject: =?UTF-8?B?" + base64("🚀 Launch") + "?=\r\n"
                + " =?utf-8?Q?_day_=F0=9F=8E=89?=\r\n\r\nbody"));

        assertEquals("🚀 Launch day 🎉", mail.subject());
    }

    @Test
    void encodedWordsInOtherCharsetsAndPlainFoldingAreDecoded() {
        ParsedMail latin = parser.parse(utf8("Subject: Re: =?ISO-8859-1?Q?Caf=E9?= =?ISO-8859-1?Q?_cr=E8me?=\r\n\r\nx"));
        ParsedMail folded = parser.parse(utf8("Subject: a subject that\r\n is folded\r\n\r\nx"));

        assertEquals("Re: Café crème", latin.subject());
        assertTrue(folded.subject().matches("a subject that\\s+is folded"), folded.subject());
    }

    @Test
    void absentHeadersGiveNullsAndEmptyLists() {
        ParsedMail mail = parser.parse(utf8("X-Mailer: test\r\n\r\nhello"));

        assertNull(mail.from());
        assertEquals(List.of(), mail.to());
        assertEquals(List.of(), mail.cc());
        assertNull(mail.subject());
        assertNull(mail.rfcMessageId());
        assertNull(mail.inReplyTo());
        assertEquals(List.of(), mail.references());
        assertEquals("hello", mail.bodyText());
    }

    @Test
    void singlePartPlainTextGivesOnlyBodyText() {
        ParsedMail mail = parser.parse(utf8("From: a@example.com\r\nSubject: plain\r\n\r\nJust text.\r\nTwo lines."));

        assertEquals("Just text.\r\nTwo lines.", mail.bodyText());
        assertNull(mail.bodyHtml());
        assertTrue(mail.attachments().isEmpty());
    }

    @Test
    void attachmentsAreDecodedAndNamed() {
        byte[] pdf = randomBytes(3000, "%PDF-1.4\n");
        byte[] png = randomBytes(500, "\u0089PNG\r\n");
        byte[] bare = {0, 1, 2, (byte) 0xff};
        ParsedMail mail = parser.parse(utf8("""
                Content-Type: multipart/mixed; boundary="mix"

                --mix
                Content-Type: text/plain; charset=utf-8

                See attached.
                --mix
                Content-Type: application/pdf; name="=?ISO-8859-1?Q?Rechnung_M=E4rz.pdf?="
                Content-Transfer-Encoding: base64

                %s
                --mix
                Content-Type: image/PNG; name=logo.png
                Content-Disposition: inline; filename="logo.png"
                Content-ID: <logo@example.com>
                Content-Transfer-Encoding: base64

                %s
                --mix
                Content-Type: text/plain; charset=utf-8
                Content-Disposition: attachment;
                 filename*=UTF-8''%%C3%%85ngstr%%C3%%B6m%%20r%%C3%%A9sum%%C3%%A9.txt

                not the body
                --mix
                Content-Type: application/octet-stream
                Content-Disposition: attachment
                Content-Transfer-Encoding: base64

                %s
                --mix--
                """.formatted(mimeBase64(pdf), mimeBase64(png), mimeBase64(bare))));

        assertEquals("See attached.", mail.bodyText());
        assertNull(mail.bodyHtml());
        List<ParsedAttachment> attachments = mail.attachments();
        assertEquals(4, attachments.size());
        assertAttachment("Rechnung März.pdf", "application/pdf", pdf, attachments.get(0));
        assertAttachment("logo.png", "image/png", png, attachments.get(1));
        assertAttachment("Ångström résumé.txt", "text/plain; charset=utf-8", utf8("not the body"), attachments.get(2));
        assertAttachment("attachment-4", "application/octet-stream", bare, attachments.get(3));
    }

    @Test
    void aTextAttachmentKeepsTheCharsetItDeclaredAndNothingElseOfItsParameters() {
        ParsedMail mail = parser.parse(latin1("""
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain; charset=ISO-8859-2; format=flowed
                Content-Disposition: attachment; filename="a.txt"

                è
                --b
                Content-Type: text/csv; charset="x-no-such-charset"
                Content-Disposition: attachment; filename="b.csv"

                1,2
                --b
                Content-Type: text/plain; charset="<b>utf-8</b>"
                Content-Disposition: attachment; filename="c.txt"

                c
                --b
                Content-Type: application/pdf; charset=utf-8
                Content-Disposition: attachment; filename="d.pdf"

                %PDF
                --b--
                """));

        List<ParsedAttachment> attachments = mail.attachments();
        assertEquals("text/plain; charset=iso-8859-2", attachments.get(0).contentType());
        assertEquals("text/csv", attachments.get(1).contentType());
        assertEquals("text/plain", attachments.get(2).contentType());
        assertEquals("application/pdf", attachments.get(3).contentType());
    }

    @Test
    void filenamesInTheOtherCommonEncodingsAreDecoded() {
        ParsedMail mail = parser.parse(utf8("""
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: image/jpeg; name*0*=UTF-8''%E2%82%AC; name*1="-photo.jpg"

                jpeg
                --b
                Content-Type: application/vnd.ms-excel
                Content-Disposition: attachment; filename="=?UTF-8?Q?=C3=9Cbersicht_2024.xls?="

                xls
                --b--
                """));

        assertAttachment("€-photo.jpg", "image/jpeg", utf8("jpeg"), mail.attachments().get(0));
        assertAttachment("Übersicht 2024.xls", "application/vnd.ms-excel", utf8("xls"), mail.attachments().get(1));
    }

    @Test
    void nestedMixedAlternativeRelatedGivesBodiesAndAttachmentsInOrder() {
        ParsedMail mail = parser.parse(utf8("""
                Content-Type: multipart/mixed; boundary="outer"

                This is a multi-part message in MIME format.
                --outer
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=us-ascii

                Plain version
                --alt
                Content-Type: multipart/related; boundary="rel"; type="text/html"

                --rel
                Content-Type: text/html; charset=utf-8

                <img src="cid:logo"> HTML version
                --rel
                Content-Type: image/gif; name="logo.gif"
                Content-ID: <logo>
                Content-Transfer-Encoding: base64

                R0lGODlhAQABAAAAACw=
                --rel--
                --alt--
                --outer
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="report.pdf"

                %PDF
                --outer--
                """));

        assertEquals("Plain version", mail.bodyText());
        assertEquals("<img src=\"cid:logo\"> HTML version", mail.bodyHtml());
        assertEquals(List.of("logo.gif", "report.pdf"),
                mail.attachments().stream().map(ParsedAttachment::filename).toList());
        assertArrayEquals(Base64.getDecoder().decode("R0lGODlhAQABAAAAACw="), mail.attachments().get(0).content());
    }

    @Test
    void forwardedMessageIsOneAttachmentWithItsOwnBytes() {
        String inner = "From: Original Sender <orig@example.org>\r\n"
                + "Subject: The original\r\n"
                + "Message-ID: <inner@example.org>\r\n"
                + "Content-Type: text/html\r\n"
                + "\r\n"
                + "<p>Inner body</p>\r\n";
        ParsedMail mail = parser.parse(utf8("From: fwd@example.com\r\n"
                + "Message-ID: <outer@example.com>\r\n"
                + "Content-Type: multipart/mixed; boundary=\"fwd\"\r\n"
                + "\r\n"
                + "--fwd\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "Forwarding this.\r\n"
                + "--fwd\r\n"
                + "Content-Type: message/rfc822\r\n"
                + "\r\n"
                + inner
                + "\r\n--fwd--\r\n"));

        assertEquals("fwd@example.com", mail.from());
        assertEquals("outer@example.com", mail.rfcMessageId());
        assertEquals("Forwarding this.", mail.bodyText());
        assertNull(mail.bodyHtml());
        assertEquals(1, mail.attachments().size());
        assertAttachment("message-1.eml", "message/rfc822", utf8(inner), mail.attachments().get(0));
    }

    @Test
    void messageIdsLoseBracketsAndWhitespace() {
        ParsedMail mail = parser.parse(utf8("""
                Message-ID:   < reply-2@mail.example.com >\s
                In-Reply-To: <reply-1@mail.example.com> (Jane's message of Monday)
                References: <root@mail.example.com>
                 <reply-0@mail.example.com>\t<reply-1@mail.example.com>

                x"""));

        assertEquals("reply-2@mail.example.com", mail.rfcMessageId());
        assertEquals("reply-1@mail.example.com", mail.inReplyTo());
        assertEquals(List.of("root@mail.example.com", "reply-0@mail.example.com", "reply-1@mail.example.com"),
                mail.references());
    }

    @Test
    void messageIdsWithoutBracketsAreTolerated() {
        ParsedMail mail = parser.parse(utf8("""
                Message-ID: abc123@example.com
                In-Reply-To: parent@example.com
                References: root@example.com, parent@example.com

                x"""));

        assertEquals("abc123@example.com", mail.rfcMessageId());
        assertEquals("parent@example.com", mail.inReplyTo());
        assertEquals(List.of("root@example.com", "parent@example.com"), mail.references());
    }

    @Test
    void addressesLoseDisplayNamesAndGroupsAreFlattened() {
        ParsedMail mail = parser.parse(utf8("""
                From: "Doe, Jane" <Jane.Doe@Example.COM>, second@example.com
                To: Project Team: alice@example.com, "Bob B." <BOB@example.com>;, carol@example.com,
                 Alice@Example.com
                Cc: =?UTF-8?Q?J=C3=BCrgen?= <jurgen@example.de>, undisclosed-recipients:;,
                 "Doe, Jane" <jane.doe@example.com>

                x"""));

        assertEquals("jane.doe@example.com", mail.from());
        assertEquals(List.of("alice@example.com", "bob@example.com", "carol@example.com"), mail.to());
        assertEquals(List.of("jurgen@example.de", "jane.doe@example.com"), mail.cc());
    }

    @Test
    void fiveMegabyteAttachmentDecodesToTheExactBytes() {
        byte[] big = randomBytes(5 * 1024 * 1024, "");
        ParsedMail mail = parser.parse(utf8("Content-Type: multipart/mixed; boundary=big\r\n\r\n"
                + "--big\r\nContent-Type: text/plain\r\n\r\nhere it is\r\n"
                + "--big\r\nContent-Type: application/zip; name=big.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + mimeBase64(big) + "\r\n--big--\r\n"));

        assertEquals("here it is", mail.bodyText());
        assertEquals(1, mail.attachments().size());
        assertEquals("big.zip", mail.attachments().get(0).filename());
        assertArrayEquals(big, mail.attachments().get(0).content());
    }

    @Test
    void isTheParseMailBean() {
        try (ApplicationContext context = ApplicationContext.builder().environmentPropertySource(false).start()) {
            assertInstanceOf(Mime4jMailParser.class, context.getBean(ParseMail.class));
        }
    }

    private static void assertAttachment(String filename, String contentType, byte[] content,
                                         ParsedAttachment attachment) {
        assertEquals(filename, attachment.filename());
        assertEquals(contentType, attachment.contentType());
        assertArrayEquals(content, attachment.content());
    }

    /** Text blocks end lines with LF; messages on the wire end them with CRLF. */
    static byte[] utf8(String message) {
        return message.replaceAll("\r?\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Each char below U+0100 becomes the byte of the same value, for bodies in 8-bit charsets. */
    static byte[] latin1(String message) {
        return message.replaceAll("\r?\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String mimeBase64(byte[] content) {
        return Base64.getMimeEncoder().encodeToString(content);
    }

    private static byte[] randomBytes(int length, String prefix) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(length);
        bytes.writeBytes(prefix.getBytes(StandardCharsets.ISO_8859_1));
        byte[] random = new byte[length - bytes.size()];
        new Random(length).nextBytes(random);
        bytes.writeBytes(random);
        return bytes.toByteArray();
    }
}
