package dev.openmail.adapters.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.inbox.DisplayName;
import dev.openmail.domain.mail.Composition;
import dev.openmail.domain.mail.MailAddress;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.ParsedMail;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Header injection against the composer and the domain rules in front of it: CR, LF, CRLF, NUL, Unicode line
 * separators and look-alikes inside the subject, the display name, the addresses, the message ids and the attachment
 * file names and types. The domain refuses what it must; whatever reaches the composer (a thread's subject or a copied
 * sender comes from received mail, unchecked) gives a message whose header fields are exactly the ones the composer
 * writes, each once, and whose subject, display name and file name come back with the line breaks as spaces.
 */
class Mime4jMailComposerPropertiesTest {

    private static final Instant DATE = Instant.parse("2024-03-05T23:30:07Z");
    private static final Pattern HEADER_LINE_BREAKS = Pattern.compile("[\r\n]");
    private static final Pattern NAME_PARAMETER = Pattern.compile("name=\"([^\"]*)\"");
    /** Every character a plain address may hold; anything else (a line break first of all) must be refused. */
    private static final String ADDRESS_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~.@-";
    private static final Pattern WHITESPACE_RUNS = Pattern.compile("[ \t]+");
    private static final Pattern CONTROL_BUT_CR_LF = Pattern.compile("[\\p{Cc}&&[^\r\n]]");

    private final Mime4jMailComposer composer = new Mime4jMailComposer();
    private final Mime4jMailParser parser = new Mime4jMailParser();

    @Property(tries = 150)
    void injectedLineBreaksAddNoHeaderFieldAndComeBackAsSpaces(@ForAll("compositions") Composition composition)
            throws IOException {
        byte[] raw = composer.compose(composition);

        Message written = dom(raw);
        Message clean = dom(composer.compose(harmless(composition)));
        assertEquals(names(clean), names(written), "the header fields the composer writes, each once, and no other");
        for (String forged : List.of("Bcc", "X-Injected", "X-Forged")) {
            assertTrue(written.getHeader().getFields(forged).isEmpty(), forged + " in\n" + header(raw));
        }
        assertStructureLike(clean, written, raw);
        assertHeaderLinesEndInCrLfOnly(raw);
        assertNoControlCharacterInTheHeader(raw);

        ParsedMail parsed = parser.parse(raw);
        assertEquals(spaced(composition.subject()), spaced(parsed.subject()), "subject");
        if (!oneLine(composition.fromDisplayName()).isBlank()) {
            assertEquals(spaced(composition.fromDisplayName()), spaced(written.getFrom().get(0).getName()),
                    "display name");
        }
        assertEquals(composition.attachments().size(), parsed.attachments().size());
        for (int i = 0; i < composition.attachments().size(); i++) {
            ParsedAttachment sent = composition.attachments().get(i);
            String name = spaced(parsed.attachments().get(i).filename());
            if (!oneLine(sent.filename()).isBlank()) {
                assertEquals(spaced(sent.filename()), name, "file name");
            } else {
                // without a file name a reader takes the type's name parameter, if the composer kept one
                Matcher parameter = NAME_PARAMETER.matcher(oneLine(sent.contentType()));
                assertTrue(name.equals("attachment-" + (i + 1)) || parameter.find()
                        && name.equals(spaced(parameter.group(1))), name);
            }
        }
    }

    @Property(tries = 200)
    void theDomainRefusesLineBreaksAndNulWhereTheyWouldReachAHeader(@ForAll("injections") String value) {
        boolean breaksALine = value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0);

        String address = "bob@example.org" + value;
        if (address.chars().anyMatch(c -> ADDRESS_CHARACTERS.indexOf(c) < 0)) {
            for (String field : List.of("to", "cc", "replyTo")) {
                InvalidInputException refused = assertThrows(InvalidInputException.class,
                        () -> MailAddress.parse(field, address), field + " " + quoted(address));
                assertEquals(field, refused.field());
            }
        }
        assertRefusedExactlyWhen(breaksALine || value.isEmpty() || value.length() > OutgoingMail.MAX_SUBJECT, "subject",
                () -> send(value, "file.txt"));
        assertRefusedExactlyWhen(breaksALine, "attachments", () -> send("Hello", value));
        assertRefusedExactlyWhen(breaksALine || value.codePointCount(0, value.length()) > DisplayName.MAX_CODE_POINTS,
                "displayName", () -> new DisplayName(value));
    }

    /**
     * RFC 5322 allows no NUL anywhere in a header. The domain refuses it in what a client sends, but a reply copies
     * values from received mail (ReplyDraft.cc adds the sender of a message the inbox was copied on; the reply's
     * In-Reply-To and References are that message's ids). The parser kept a NUL in both, and the composer wrote it
     * raw: {@code Cc: "a\0b"@example.org}, {@code In-Reply-To: <c\0d@example.org>}. Now the parser takes neither as
     * an address or an id, and the composer, given such values anyway (from mail stored before), writes no NUL.
     */
    @Example
    void aNulFromReceivedMailIsNotWrittenRawIntoTheHeaderOfAReply() {
        ParsedMail received = parser.parse(("From: a\u0000b@example.org\r\nCc: jane@example.com\r\n"
                + "Message-ID: <c\u0000d@example.org>\r\nSubject: hi\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8));
        assertNull(received.from(), "no address holds a NUL");
        assertNull(received.rfcMessageId(), "no message id holds a NUL");
        assertEquals(List.of("jane@example.com"), received.cc());

        byte[] reply = composer.compose(new Composition("jane@example.com", null, List.of("bob@example.org"),
                List.of("a\u0000b@example.org"), null, "Re: hi", "answer", null, "msg-2@mail.example.com",
                "c\u0000d@example.org", List.of("c\u0000d@example.org"), DATE, List.of()));

        assertFalse(header(reply).contains("\u0000"), () -> quoted(header(reply)));
        assertNoControlCharacterInTheHeader(reply);
    }

    /**
     * The composer writes text that merely looks like an encoded word in a subject or a display name as an encoded
     * word, so that readers do not decode it; a short plain-ASCII file name went out as a quoted parameter instead,
     * {@code filename="=?UTF-8?B?SGk=?=.txt"}, which Mime4j (and mail readers) decode to "Hi.txt". Such a name now
     * goes out in the RFC 2231 form the composer uses for other names, which keeps it.
     */
    @Example
    void aFileNameThatLooksLikeAnEncodedWordComesBackAsWritten() {
        String filename = "=?UTF-8?B?SGk=?=.txt";

        byte[] raw = composer.compose(new Composition("jane@example.com", null, List.of("bob@example.org"), List.of(),
                null, "files", "text", null, "msg-3@mail.example.com", null, List.of(), DATE,
                List.of(new ParsedAttachment(filename, "text/plain", new byte[] {'x'}))));

        assertEquals(filename, parser.parse(raw).attachments().get(0).filename());
    }

    // ---- generators -----------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Composition> compositions() {
        Arbitrary<String> text = injections();
        Arbitrary<String> address = Arbitraries.oneOf(
                Arbitraries.of("bob@example.org", "Bea.Smith+tag@example.org"),
                injections().map(value -> "bob@example.org" + value),
                injections().map(value -> value + "@example.org"));
        // file names with '+', two apostrophes or what looks like an encoded word included: each once lost its way
        // back (see Mime4jMailParserPropertiesTest and aFileNameThatLooksLikeAnEncodedWordComesBackAsWritten)
        Arbitrary<String> filename = Arbitraries.oneOf(text,
                Arbitraries.of("C++ notes \u2013 draft.txt", "O'Brien's notes.txt", "notes''", "=?UTF-8?B?SGk=?=.txt",
                        "a+b.pdf", "=?x?Q?a?= and 'b' + c"));
        Arbitrary<ParsedAttachment> attachment = Combinators.combine(filename,
                Arbitraries.of("text/plain", "application/pdf", "text/plain\r\nX-Injected: yes",
                        "application/pdf; name=\"a\r\nX-Injected: yes\"", "image/png\u0000X-Injected: yes"),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
                .as(ParsedAttachment::new);
        return Builders.withBuilder(CompositionDraft::new)
                .use(text).in(CompositionDraft::subject)
                .use(text.injectNull(0.2)).in(CompositionDraft::displayName)
                .use(address.list().ofMaxSize(3)).in(CompositionDraft::to)
                .use(address.list().ofMaxSize(2)).in(CompositionDraft::cc)
                .use(address.injectNull(0.5)).in(CompositionDraft::replyTo)
                .use(text.injectNull(0.5)).in(CompositionDraft::inReplyTo)
                .use(text.list().ofMaxSize(2)).in(CompositionDraft::references)
                .use(text.injectNull(0.7)).in(CompositionDraft::html)
                .use(attachment.list().ofMaxSize(2)).in(CompositionDraft::attachments)
                .build(CompositionDraft::build);
    }

    /** A value with line breaks, NUL, Unicode separators or look-alikes put before, inside or after forged fields. */
    @Provide
    Arbitrary<String> injections() {
        Arbitrary<String> base = Arbitraries.oneOf(
                Arbitraries.of("Quarterly numbers", "", " ", "Grüße", "=?UTF-8?B?SGk=?=", "\"quoted\" (comment)",
                        "a, b; c", "x".repeat(120), "東京"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30));
        Arbitrary<String> separator = Arbitraries.of("\r\n", "\n", "\r", "\u0000", "\u2028", "\u2029", "\u0085",
                "\r\n ", "\r\n\t", "\n\n", "\r\n\r\n", "\r\r\n", "\u000b", "\f", "\u001c", "\u001e", "%0d%0a",
                "=0D=0A", "=?UTF-8?Q?=0D=0A?=", "=?UTF-8?B?DQo=?=", "\\r\\n");
        Arbitrary<String> forged = Arbitraries.of("Bcc: victim@evil.example", "X-Injected: yes", "X-Forged: 1",
                "Bcc:victim@evil.example", "bcc : victim@evil.example", "Content-Type: text/html", "");
        Arbitrary<String> piece = Combinators.combine(separator, forged).as(String::concat);
        return Combinators.combine(base, piece.list().ofMinSize(0).ofMaxSize(3), base)
                .as((before, pieces, after) -> before + String.join("", pieces) + after);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /**
     * The same composition with every value the composer writes replaced by a plain one, present where the original
     * is: the header it gets is the one the original must get.
     */
    private static Composition harmless(Composition c) {
        Function<String, String> plain = value -> present(value) ? "plain" : value;
        return new Composition(c.fromAddress(),
                c.fromDisplayName() == null || oneLine(c.fromDisplayName()).isBlank() ? c.fromDisplayName() : "Plain",
                c.to().stream().map(address -> "bob@example.org").toList(),
                c.cc().stream().map(address -> "carol@example.org").toList(),
                present(c.replyTo()) ? "reply@example.org" : c.replyTo(),
                plain.apply(c.subject()), "text", c.bodyHtml() == null || c.bodyHtml().isEmpty() ? c.bodyHtml() : "<p>h</p>",
                "id@example.org", present(c.inReplyTo()) ? "parent@example.org" : c.inReplyTo(),
                c.references().stream().map(id -> present(id) ? "ref@example.org" : id).toList(), c.date(),
                c.attachments().stream().map(a -> new ParsedAttachment("file.bin", "application/octet-stream",
                        a.content())).toList());
    }

    /** Each part has the same header field names as in the plain message: nothing was forged inside a part either. */
    private static void assertStructureLike(Entity clean, Entity written, byte[] raw) {
        assertEquals(names(clean), names(written), () -> "a part's header\n" + new String(raw, StandardCharsets.UTF_8));
        if (clean.getBody() instanceof Multipart cleanParts) {
            assertTrue(written.getBody() instanceof Multipart, "the same structure");
            List<Entity> parts = ((Multipart) written.getBody()).getBodyParts();
            assertEquals(cleanParts.getBodyParts().size(), parts.size(), "the same number of parts");
            for (int i = 0; i < parts.size(); i++) {
                assertStructureLike(cleanParts.getBodyParts().get(i), parts.get(i), raw);
            }
        }
    }

    /** RFC 5322 sections 2.2 and 3.2.3: no control character in a header but the CRLF ending its lines. */
    private static void assertNoControlCharacterInTheHeader(byte[] raw) {
        String message = new String(raw, StandardCharsets.UTF_8);
        String header = message.substring(0, message.indexOf("\r\n\r\n"));
        assertFalse(CONTROL_BUT_CR_LF.matcher(header).find(), () -> "a control character in " + quoted(header));
    }

    private static void assertHeaderLinesEndInCrLfOnly(byte[] raw) {
        String header = header(raw);
        for (String line : header.split("\r\n", -1)) {
            assertFalse(HEADER_LINE_BREAKS.matcher(line).find(), () -> "a bare CR or LF in " + quoted(line));
            assertTrue(line.length() <= 998, () -> "a header line of " + line.length() + " characters");
        }
    }

    private static void assertRefusedExactlyWhen(boolean refused, String field, Runnable check) {
        if (refused) {
            assertEquals(field, assertThrows(InvalidInputException.class, check::run).field());
        } else {
            check.run();
        }
    }

    private static void send(String subject, String filename) {
        new OutgoingMail("bob@example.org", List.of(), subject, "body", null, null, null, false,
                List.of(new ParsedAttachment(filename, "text/plain", new byte[] {'x'})));
    }

    private static List<String> names(Entity entity) {
        return entity.getHeader().getFields().stream().map(Field::getName).map(name -> name.toLowerCase(Locale.ROOT))
                .toList();
    }

    private static Message dom(byte[] raw) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        return builder.parseMessage(new ByteArrayInputStream(raw));
    }

    private static String header(byte[] raw) {
        String message = new String(raw, StandardCharsets.ISO_8859_1);
        int end = message.indexOf("\r\n\r\n");
        assertTrue(end > 0, "the header ends with an empty line");
        return message.substring(0, end);
    }

    /** What the composer makes of a value: each CR and LF a space. */
    private static String oneLine(String value) {
        return value == null ? "" : value.replace('\r', ' ').replace('\n', ' ');
    }

    /** Compared with runs of spaces as one and the ends stripped, which folding and phrase syntax may change. */
    private static String spaced(String value) {
        return WHITESPACE_RUNS.matcher(oneLine(value)).replaceAll(" ").strip();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append('"').toString();
    }

    private static final class CompositionDraft {
        private String subject;
        private String displayName;
        private List<String> to = List.of();
        private List<String> cc = List.of();
        private String replyTo;
        private String inReplyTo;
        private List<String> references = List.of();
        private String html;
        private List<ParsedAttachment> attachments = List.of();

        CompositionDraft subject(String value) {
            subject = value;
            return this;
        }

        CompositionDraft displayName(String value) {
            displayName = value;
            return this;
        }

        CompositionDraft to(List<String> value) {
            to = value;
            return this;
        }

        CompositionDraft cc(List<String> value) {
            cc = value;
            return this;
        }

        CompositionDraft replyTo(String value) {
            replyTo = value;
            return this;
        }

        CompositionDraft inReplyTo(String value) {
            inReplyTo = value;
            return this;
        }

        CompositionDraft references(List<String> value) {
            references = value;
            return this;
        }

        CompositionDraft html(String value) {
            html = value;
            return this;
        }

        CompositionDraft attachments(List<ParsedAttachment> value) {
            attachments = value;
            return this;
        }

        Composition build() {
            return new Composition("jane@example.com", displayName, to, cc, replyTo, subject, "Body text.", html,
                    "msg-1@mail.example.com", inReplyTo, references, DATE, attachments);
        }
    }
}
