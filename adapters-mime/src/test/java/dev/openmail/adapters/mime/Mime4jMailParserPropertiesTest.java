package dev.openmail.adapters.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.MimeLimits;
import dev.openmail.domain.mail.ParsedMail;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated messages against the parser. A well-formed message, of any shape and depth, comes back exactly: header
 * addresses and subject, the first text and HTML bodies, and every attachment with its decoded bytes, down to the
 * depth cap and nothing below it. A broken one (truncated, boundaries missing or renamed, garbage header lines,
 * unknown charsets and transfer encodings, bad base64 and quoted-printable, flipped bytes, thousands of header fields)
 * never makes the parser throw, and what it gives keeps the promises of {@link ParsedMail}.
 */
class Mime4jMailParserPropertiesTest {

    /** No white space and no control character: NUL and the like cannot be carried in a header or an envelope. */
    private static final Pattern PLAUSIBLE_ADDRESS =
            Pattern.compile("[^\\s\\p{Cc}@<>(),;:\"]+@[^\\s\\p{Cc}@<>(),;:\"]+");
    private static final Pattern MESSAGE_ID = Pattern.compile("[^\\s\\p{Cc}]+");
    private static final Pattern BOUNDARY_PARAMETER = Pattern.compile("boundary=\"(b[0-9]+x-o)\"");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int MAX_DEPTH = Mime4jMailParser.MAX_DEPTH;

    private final Mime4jMailParser parser = new Mime4jMailParser();
    /** For shapes whose subject is the reading rather than the caps, which {@link MimeLimitsParserTest} tests. */
    private final Mime4jMailParser uncapped = new Mime4jMailParser(
            new MimeLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, MAX_DEPTH));

    @Property(tries = 200)
    void aWellFormedMessageComesBackExactly(@ForAll("messages") Mail mail) {
        ParsedMail parsed = parser.parse(mail.raw());

        Expected expected = mail.expected();
        assertEquals(expected.from, parsed.from(), "from");
        assertEquals(expected.to, parsed.to(), "to");
        assertEquals(expected.cc, parsed.cc(), "cc");
        assertEquals(expected.subject, parsed.subject(), "subject");
        assertEquals(expected.messageId, parsed.rfcMessageId(), "Message-ID");
        assertEquals(expected.text, parsed.bodyText(), "text body");
        assertEquals(expected.html, parsed.bodyHtml(), "HTML body");
        assertAttachments(expected.attachments, parsed.attachments());
        assertConsistent(mail.raw(), parsed);
    }

    @Property(tries = 80)
    void partsAreReadDownToTheDepthCapAndNoneBelowIt(@ForAll("depths") int depth, @ForAll("newLines") String nl) {
        // a multipart at each level holds an attachment and the next level; the innermost holds the last attachment
        Leaf[] leaves = IntStream.rangeClosed(1, depth + 1)
                .mapToObj(level -> attachment("level-" + level + ".bin", "application/octet-stream",
                        ("content of level " + level).getBytes(StandardCharsets.US_ASCII), "base64"))
                .toArray(Leaf[]::new);
        Part tree = leaves[depth];
        for (int level = depth; level >= 1; level--) {
            tree = new Multi("mixed", List.of(leaves[level - 1], tree), "", "");
        }
        Mail mail = Mail.of(new Header("a@example.com", List.of(), List.of(), "deep", "deep@example.com"), tree, nl);

        ParsedMail parsed = parser.parse(mail.raw());

        int read = depth <= MAX_DEPTH ? depth + 1 : MAX_DEPTH;
        assertEquals(read, parsed.attachments().size(), "one attachment per level down to " + MAX_DEPTH);
        assertAttachments(mail.expected().attachments, parsed.attachments());
        assertEquals("deep", parsed.subject());
        assertConsistent(mail.raw(), parsed);
    }

    @Property(tries = 250)
    void aBrokenMessageNeverThrowsAndKeepsThePromisesOfParsedMail(@ForAll("messages") Mail mail,
            @ForAll("mutations") List<Mutation> mutations) {
        byte[] raw = mail.raw();
        for (Mutation mutation : mutations) {
            raw = mutation.apply(raw);
        }

        ParsedMail parsed = uncapped.parse(raw);

        assertConsistent(raw, parsed);
    }

    @Property(tries = 300)
    void anyBytesParseWithoutThrowing(@ForAll("garbage") byte[] raw) {
        assertConsistent(raw, uncapped.parse(raw));
    }

    @Property(tries = 30)
    void thousandsOfHeaderFieldsAreReadFirstFromFirstSubjectAndEveryTo(@ForAll("fieldCounts") int count,
            @ForAll("newLines") String nl) {
        StringBuilder message = new StringBuilder("From: First <first@example.com>" + nl + "Subject: the first" + nl);
        Set<String> to = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            switch (i % 5) {
                case 0 -> {
                    String address = "r" + i + "@example.org";
                    to.add(address);
                    message.append("To: R ").append(i).append(" <").append(address.toUpperCase(Locale.ROOT)).append('>');
                }
                case 1 -> message.append("From: later").append(i).append("@example.net");
                case 2 -> message.append("Subject: later ").append(i);
                case 3 -> message.append("X-Junk-").append(i).append(": ").append("\u00e9\u00ff\u0001 ".repeat(i % 7));
                default -> message.append("Received: from host").append(i).append(" by mx; ").append(nl)
                        .append("\tfolded ").append(i);
            }
            message.append(nl);
        }
        message.append(nl).append("the body");

        ParsedMail parsed = uncapped.parse(message.toString().getBytes(StandardCharsets.ISO_8859_1));

        assertEquals("first@example.com", parsed.from());
        assertEquals("the first", parsed.subject());
        assertEquals(List.copyOf(to), parsed.to());
        assertEquals("the body", parsed.bodyText());
    }

    /**
     * RFC 2231 section 4 (and RFC 5987) leave '+' as it is in an extended value; only %XX stands for another byte.
     * Mime4j decodes it as a space, like a URL form does, so "a+b.pdf" was listed as "a b.pdf". The composer writes
     * names this way when they are not plain ASCII or too long, so "C++ notes – draft.txt" sent through the API was
     * read back by the recipient's inbox on this server as "C   notes – draft.txt".
     */
    @Example
    void aPlusInAnRfc2231FileNameStaysAPlus() {
        ParsedMail disposition = parser.parse(("Content-Type: application/pdf\r\n"
                + "Content-Disposition: attachment; filename*=UTF-8''a+b%20%C3%BC.pdf\r\n\r\nx").getBytes(
                StandardCharsets.US_ASCII));
        ParsedMail contentType = parser.parse(("Content-Type: application/pdf; name*=UTF-8''a+b.pdf\r\n\r\nx")
                .getBytes(StandardCharsets.US_ASCII));

        assertEquals("a+b \u00fc.pdf", disposition.attachments().get(0).filename());
        assertEquals("a+b.pdf", contentType.attachments().get(0).filename());
    }

    /**
     * A plain (not RFC 2231) parameter value is the name as it is, apostrophes and all. Mime4j reads any value with
     * two apostrophes as charset'language'value, so "O'Brien's notes.txt" was listed as "s notes.txt", and a name
     * ending in two apostrophes was lost ("attachment-1"). The composer writes short ASCII names as plain quoted
     * values, so this hit names sent through the API too.
     */
    @Example
    void aFileNameWithTwoApostrophesIsKeptWhole() {
        ParsedMail disposition = parser.parse(("Content-Type: application/pdf\r\n"
                + "Content-Disposition: attachment; filename=\"O'Brien's notes.txt\"\r\n\r\nx").getBytes(
                StandardCharsets.US_ASCII));
        ParsedMail contentType = parser.parse(("Content-Type: application/pdf; name=\"O'Brien's notes.txt\"\r\n\r\nx")
                .getBytes(StandardCharsets.US_ASCII));

        ParsedMail endingInApostrophes = parser.parse(("Content-Type: application/pdf\r\n"
                + "Content-Disposition: attachment; filename=\"notes''\"\r\n\r\nx").getBytes(StandardCharsets.US_ASCII));

        assertEquals("O'Brien's notes.txt", disposition.attachments().get(0).filename());
        assertEquals("O'Brien's notes.txt", contentType.attachments().get(0).filename());
        assertEquals("notes''", endingInApostrophes.attachments().get(0).filename());
    }

    // ---- what ParsedMail promises -----------------------------------------------------------------------------------

    private void assertConsistent(byte[] raw, ParsedMail parsed) {
        assertNotNull(parsed);
        if (parsed.from() != null) {
            assertAddress(parsed.from());
        }
        parsed.to().forEach(Mime4jMailParserPropertiesTest::assertAddress);
        parsed.cc().forEach(Mime4jMailParserPropertiesTest::assertAddress);
        assertEquals(Set.copyOf(parsed.to()).size(), parsed.to().size(), "each address once: " + parsed.to());
        assertEquals(Set.copyOf(parsed.cc()).size(), parsed.cc().size(), "each address once: " + parsed.cc());
        for (String id : idsOf(parsed)) {
            assertTrue(MESSAGE_ID.matcher(id).matches(), () -> "a message id without blanks: " + quoted(id));
        }
        long decoded = 0;
        for (ParsedAttachment attachment : parsed.attachments()) {
            String name = attachment.filename();
            assertTrue(!name.isBlank() && name.equals(name.strip()), () -> "a file name: " + quoted(name));
            String type = attachment.contentType();
            assertTrue(!type.isBlank() && type.equals(type.toLowerCase(Locale.ROOT)), () -> "a type: " + quoted(type));
            decoded += attachment.content().length;
        }
        // every attachment is decoded from a part of its own, and decoding never makes more bytes than it reads
        assertTrue(decoded <= raw.length, decoded + " attachment bytes out of a " + raw.length + "-byte message");

        ParsedMail again = uncapped.parse(raw);
        assertEquals(summary(parsed), summary(again), "the same bytes parse the same way");
    }

    private static List<String> idsOf(ParsedMail parsed) {
        List<String> ids = new ArrayList<>(parsed.references());
        if (parsed.rfcMessageId() != null) {
            ids.add(parsed.rfcMessageId());
        }
        if (parsed.inReplyTo() != null) {
            ids.add(parsed.inReplyTo());
        }
        return ids;
    }

    private static void assertAddress(String address) {
        assertTrue(PLAUSIBLE_ADDRESS.matcher(address).matches() && address.equals(address.toLowerCase(Locale.ROOT)),
                () -> "an address in lower case: " + quoted(address));
    }

    private static void assertAttachments(List<ParsedAttachment> expected, List<ParsedAttachment> actual) {
        assertEquals(expected.stream().map(a -> a.filename() + " " + a.contentType()).toList(),
                actual.stream().map(a -> a.filename() + " " + a.contentType()).toList(), "attachments");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).content(), actual.get(i).content(), "the bytes of " + expected.get(i)
                    .filename());
        }
    }

    private static String summary(ParsedMail parsed) {
        return String.join("\n", String.valueOf(parsed.from()), parsed.to().toString(), parsed.cc().toString(),
                String.valueOf(parsed.subject()), String.valueOf(parsed.rfcMessageId()),
                String.valueOf(parsed.inReplyTo()), parsed.references().toString(), String.valueOf(parsed.bodyText()),
                String.valueOf(parsed.bodyHtml()), parsed.attachments().stream()
                        .map(a -> a.filename() + "|" + a.contentType() + "|" + HexFormat.of().formatHex(a.content()))
                        .collect(Collectors.joining(",")));
    }

    // ---- the model: a message as a tree, written out, and what the parser must find in it -------------------------

    private enum Role { TEXT, HTML, ATTACHMENT, FORWARDED, NEITHER }

    private sealed interface Part permits Leaf, Multi {
    }

    /**
     * A part that is no multipart: its header lines (without the empty line), its decoded content, its transfer
     * encoding, and what the parser must make of it.
     */
    private record Leaf(Role role, String headerLines, byte[] content, String encoding, String text, String filename,
                        String mimeType) implements Part {
    }

    private record Multi(String subtype, List<Part> parts, String preamble, String epilogue) implements Part {
    }

    private record Header(String from, List<String> to, List<String> cc, String subject, String messageId) {
    }

    private static final class Expected {
        String from;
        List<String> to;
        List<String> cc;
        String subject;
        String messageId;
        String text;
        String html;
        final List<ParsedAttachment> attachments = new ArrayList<>();
    }

    /** A generated message: its bytes and what the parser must find in them. */
    private record Mail(byte[] raw, Expected expected, String shape) {

        static Mail of(Header header, Part body, String nl) {
            Expected expected = new Expected();
            expected.from = header.from().toLowerCase(Locale.ROOT);
            expected.to = header.to().stream().map(a -> a.toLowerCase(Locale.ROOT)).distinct().toList();
            expected.cc = header.cc().stream().map(a -> a.toLowerCase(Locale.ROOT)).distinct().toList();
            expected.subject = header.subject();
            expected.messageId = header.messageId();
            expect(body, 0, expected);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(out, "From: Sender Name <" + header.from() + ">" + nl);
            if (!header.to().isEmpty()) {
                write(out, "To: " + String.join(", ", header.to()) + nl);
            }
            if (!header.cc().isEmpty()) {
                write(out, "Cc: " + header.cc().stream().map(a -> "\"Copy, " + a.length() + "\" <" + a + ">")
                        .collect(Collectors.joining("," + nl + " ")) + nl);
            }
            write(out, "Subject: " + encodedWords(header.subject()) + nl);
            write(out, "Message-ID: <" + header.messageId() + ">" + nl);
            write(out, "MIME-Version: 1.0" + nl);
            new Writer(out, nl).part(body);
            StringBuilder shape = new StringBuilder();
            describe(body, 0, shape);
            return new Mail(out.toByteArray(), expected, shape.toString());
        }

        private static void expect(Part part, int depth, Expected expected) {
            if (part instanceof Multi multi) {
                multi.parts().forEach(child -> expect(child, depth + 1, expected));
                return;
            }
            Leaf leaf = (Leaf) part;
            if (depth > MAX_DEPTH) {
                return;
            }
            switch (leaf.role()) {
                case TEXT -> {
                    if (expected.text == null && leaf.content().length > 0) {
                        expected.text = leaf.text();
                    }
                }
                case HTML -> {
                    if (expected.html == null && leaf.content().length > 0) {
                        expected.html = leaf.text();
                    }
                }
                case ATTACHMENT -> expected.attachments.add(
                        new ParsedAttachment(leaf.filename(), leaf.mimeType(), leaf.content()));
                case FORWARDED -> expected.attachments.add(new ParsedAttachment(
                        leaf.filename() != null ? leaf.filename() : "message-" + (expected.attachments.size() + 1) + ".eml",
                        leaf.mimeType(), leaf.content()));
                case NEITHER -> {
                    // kept only in the raw message
                }
            }
        }

        /** The tree in one line, for reports; deep trees are cut short. */
        private static void describe(Part part, int depth, StringBuilder shape) {
            if (depth > 6) {
                shape.append("...");
            } else if (part instanceof Multi multi) {
                shape.append(multi.subtype()).append('[');
                for (int i = 0; i < multi.parts().size(); i++) {
                    shape.append(i == 0 ? "" : ", ");
                    describe(multi.parts().get(i), depth + 1, shape);
                }
                shape.append(']');
            } else {
                Leaf leaf = (Leaf) part;
                shape.append(leaf.mimeType()).append(' ').append(leaf.encoding()).append(' ')
                        .append(leaf.content().length);
            }
        }

        /** Keeps jqwik's report of a failing sample short: the shape and the message's start. */
        @Override
        public String toString() {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            return shape + "\n" + quoted(text.length() > 1500 ? text.substring(0, 1500) + "..." : text);
        }
    }

    /** Writes parts with distinct boundaries, none a prefix of another. */
    private static final class Writer {
        private final ByteArrayOutputStream out;
        private final String nl;
        private int boundaries;

        Writer(ByteArrayOutputStream out, String nl) {
            this.out = out;
            this.nl = nl;
        }

        void part(Part part) {
            if (part instanceof Leaf leaf) {
                write(out, leaf.headerLines().replace("\n", nl) + nl);
                out.writeBytes(encoded(leaf.content(), leaf.encoding(), nl));
                return;
            }
            Multi multi = (Multi) part;
            String boundary = "b" + (++boundaries) + "x-o";
            write(out, "Content-Type: multipart/" + multi.subtype() + "; boundary=\"" + boundary + "\"" + nl + nl);
            boolean first = multi.preamble().isEmpty();
            if (!first) {
                write(out, multi.preamble());
            }
            for (Part child : multi.parts()) {
                write(out, (first ? "" : nl) + "--" + boundary + nl);
                first = false;
                part(child);
            }
            write(out, nl + "--" + boundary + "--" + nl + multi.epilogue());
        }
    }

    private static byte[] encoded(byte[] content, String encoding, String nl) {
        return switch (encoding) {
            case "base64" -> Base64.getMimeEncoder(76, nl.getBytes(StandardCharsets.US_ASCII)).encode(content);
            case "quoted-printable" -> quotedPrintable(content, nl).getBytes(StandardCharsets.US_ASCII);
            default -> content;
        };
    }

    private static String quotedPrintable(byte[] content, String nl) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (byte b : content) {
            int value = b & 0xff;
            String token = value >= 33 && value <= 126 && value != '=' ? String.valueOf((char) value)
                    : String.format(Locale.ROOT, "=%02X", value);
            if (lineLength + token.length() > 75) {
                out.append('=').append(nl);
                lineLength = 0;
            }
            out.append(token);
            lineLength += token.length();
        }
        return out.toString();
    }

    private static String encodedWords(String subject) {
        boolean plain = subject.chars().allMatch(c -> c > ' ' && c < 0x7f || c == ' ') && !subject.contains("=?")
                && subject.equals(subject.strip()) && !subject.contains("  ");
        return plain ? subject
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static Leaf attachment(String filename, String mimeType, byte[] content, String encoding) {
        return new Leaf(Role.ATTACHMENT, "Content-Type: " + mimeType + "\nContent-Transfer-Encoding: " + encoding
                + "\nContent-Disposition: attachment; filename=\"" + filename + "\"\n", content, encoding, null,
                filename, mimeType);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---- generators -----------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Mail> messages() {
        Arbitrary<String> address = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789._+-").ofMinLength(1).ofMaxLength(12)
                        .filter(local -> !local.startsWith(".") && !local.endsWith(".") && !local.contains("..")),
                Arbitraries.of("example.com", "Example.ORG", "mail.example.net"))
                .as((local, domain) -> local + "@" + domain);
        Arbitrary<Header> header = Combinators.combine(address, address.list().ofMaxSize(3),
                address.list().ofMaxSize(2), text(false).filter(s -> !s.isEmpty()), address)
                .as(Header::new);
        Arbitrary<Part> body = Arbitraries.frequencyOf(Tuple.of(1, leaf().map(leaf -> (Part) leaf)),
                Tuple.of(4, multi(3)));
        return Combinators.combine(header, body, newLines()).as(Mail::of);
    }

    private Arbitrary<Part> part(int levels) {
        if (levels == 0) {
            return leaf().map(leaf -> (Part) leaf);
        }
        return Arbitraries.frequencyOf(Tuple.of(3, leaf().map(leaf -> (Part) leaf)), Tuple.of(2, multi(levels)));
    }

    private Arbitrary<Part> multi(int levels) {
        return Combinators.combine(Arbitraries.of("mixed", "alternative", "related", "x-custom"),
                part(levels - 1).list().ofMinSize(1).ofMaxSize(3), prose(), prose())
                .as(Multi::new);
    }

    private Arbitrary<Leaf> leaf() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, textLeaf("text/plain", Role.TEXT)),
                Tuple.of(2, textLeaf("text/html", Role.HTML)),
                Tuple.of(4, attachmentLeaf()),
                Tuple.of(1, forwardedLeaf()),
                Tuple.of(1, neitherLeaf()));
    }

    /**
     * Text in a declared charset; an unknown, malformed or US-ASCII one is read as UTF-8, ISO-8859-1 as
     * windows-1252, as the parser promises.
     */
    private Arbitrary<Leaf> textLeaf(String mimeType, Role role) {
        Arbitrary<String> charset = Arbitraries.of("utf-8", "UTF-8", "us-ascii", "iso-8859-1", "windows-1252",
                "x-klingon", "\"?!bad name\"", "", "utf-8; format=flowed");
        return charset.flatMap(declared -> {
            boolean latin = declared.equals("iso-8859-1") || declared.equals("windows-1252");
            Charset effective = latin ? WINDOWS_1252 : StandardCharsets.UTF_8;
            return Combinators.combine(latin ? latinText() : text(true), Arbitraries.of("base64", "quoted-printable",
                    "7bit", "8bit", "binary", "x-unknown")).as((text, encoding) -> {
                byte[] content = text.getBytes(effective);
                String safe = hasLineBreak(content) && !encoding.equals("base64") ? "quoted-printable" : encoding;
                String type = mimeType + (declared.isEmpty() ? "" : "; charset=" + declared);
                return new Leaf(role, "Content-Type: " + type + "\nContent-Transfer-Encoding: " + safe + "\n", content,
                        safe, text, null, mimeType);
            });
        });
    }

    private Arbitrary<Leaf> attachmentLeaf() {
        Arbitrary<String> type = Arbitraries.of("application/octet-stream", "application/pdf", "image/png", "text/plain",
                "text/csv", "Application/X-Custom");
        Arbitrary<String> asciiName = Arbitraries.strings().withCharRange('a', 'z').withChars("ABCXYZ0123456789 ._-();=,+'")
                .ofMinLength(1).ofMaxLength(30).filter(name -> !name.isBlank());
        Arbitrary<String> anyName = text(false).filter(name -> !name.isBlank());
        Arbitrary<byte[]> content = Arbitraries.bytes().array(byte[].class).ofMaxSize(1000);
        Arbitrary<String> encoding = Arbitraries.of("base64", "quoted-printable", "binary", "8bit");
        return Combinators.combine(type, asciiName, anyName, content, encoding, Arbitraries.integers().between(1, 5))
                .as((mimeType, ascii, name, bytes, declared, form) -> {
                    String cte = hasLineBreak(bytes) && !declared.equals("base64") ? "base64" : declared;
                    boolean text = mimeType.startsWith("text/");
                    String lower = mimeType.toLowerCase(Locale.ROOT);
                    String common = "Content-Transfer-Encoding: " + cte + "\n";
                    return switch (text ? form % 3 : form) {
                        case 1 -> new Leaf(Role.ATTACHMENT, "Content-Type: " + mimeType + "\n" + common
                                + "Content-Disposition: attachment; filename=\"" + ascii + "\"\n", bytes, cte, null,
                                ascii.strip(), lower);
                        case 2 -> new Leaf(Role.ATTACHMENT, "Content-Type: " + mimeType + "\n" + common
                                + "Content-Disposition: attachment; filename*=UTF-8''" + percentEncoded(name) + "\n",
                                bytes, cte, null, name.strip(), lower);
                        case 3 -> new Leaf(Role.ATTACHMENT, "Content-Type: " + mimeType + "; name=\"" + ascii + "\"\n"
                                + common, bytes, cte, null, ascii.strip(), lower);
                        case 4 -> new Leaf(Role.ATTACHMENT, "Content-Type: " + mimeType + "\n" + common
                                + "Content-Disposition: inline; filename=\"" + ascii + "\"\n", bytes, cte, null,
                                ascii.strip(), lower);
                        default -> new Leaf(Role.ATTACHMENT, "Content-Type: " + mimeType + "; name=\"" + ascii + "\"\n"
                                + common + "Content-Disposition: attachment\n", bytes, cte, null, ascii.strip(), lower);
                    };
                });
    }

    private Arbitrary<Leaf> forwardedLeaf() {
        return Combinators.combine(Arbitraries.integers().between(1, 999), Arbitraries.of("", "; name=\"fwd.eml\""))
                .as((n, name) -> {
                    byte[] inner = ("Subject: inner " + n + "\r\nFrom: x@y.example\r\n\r\ninner body " + n)
                            .getBytes(StandardCharsets.US_ASCII);
                    return new Leaf(Role.FORWARDED, "Content-Type: message/rfc822" + name + "\n"
                            + "Content-Transfer-Encoding: 7bit\n", inner, "7bit", null,
                            name.isEmpty() ? null : "fwd.eml", "message/rfc822");
                });
    }

    /** Parts the parser keeps only in the raw message: not text/plain or text/html, and neither named nor attached. */
    private Arbitrary<Leaf> neitherLeaf() {
        return Arbitraries.of(
                new Leaf(Role.NEITHER, "Content-Type: text/calendar; method=REQUEST\n", "BEGIN:VCALENDAR"
                        .getBytes(StandardCharsets.US_ASCII), "7bit", null, null, "text/calendar"),
                new Leaf(Role.NEITHER, "Content-Type: image/png\nContent-ID: <logo@example.com>\n"
                        + "Content-Transfer-Encoding: base64\n", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "base64",
                        null, null, "image/png"),
                new Leaf(Role.NEITHER, "Content-Type: application/octet-stream\n", new byte[] {1, 2, 3}, "7bit", null,
                        null, "application/octet-stream"));
    }

    /** Text with every kind of character but unpaired surrogates; {@code lineBreaks} adds CRLF, LF and CR. */
    private static Arbitrary<String> text(boolean lineBreaks) {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u00a0', '\u024f').ofLength(1),
                Arbitraries.strings().withCharRange('\u4e00', '\u4fff').ofLength(1),
                Arbitraries.of("\uD83D\uDE00", "\u2028", "\u0000", "\t", "=?", "?=", "\u00ff"),
                lineBreaks ? Arbitraries.of("\r\n", "\n", "\r") : Arbitraries.just(" "));
        return piece.list().ofMaxSize(20).map(pieces -> String.join("", pieces));
    }

    private static Arbitrary<String> latinText() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u00ff').withChars("\r\n\u20ac")
                .ofMaxLength(200);
    }

    private static Arbitrary<String> prose() {
        return Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().withCharRange('a', 'z').withChars(" .,").ofMaxLength(80));
    }

    @Provide
    Arbitrary<String> newLines() {
        return Arbitraries.of("\r\n", "\n");
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(1, 70)),
                Tuple.of(2, Arbitraries.of(MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1)),
                Tuple.of(1, Arbitraries.of(200, 1000)));
    }

    @Provide
    Arbitrary<Integer> fieldCounts() {
        return Arbitraries.integers().between(500, 5000);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(4000);
        Arbitrary<String> headerish = Arbitraries.oneOf(
                Arbitraries.of("From: ", "To: ", "Cc: ", "Subject: ", "Content-Type: ", "Content-Transfer-Encoding: ",
                        "Content-Disposition: ", "Message-ID: ", "References: ", "MIME-Version: 1.0", "\r\n", "\n",
                        "--", "boundary=", "multipart/mixed; boundary=x", "--x", "--x--", "=?", "?=", "=?UTF-8?B?",
                        "=?x-unknown?Q?", "base64", "quoted-printable", "filename*0*=", "name*=UTF-8''%", "<", ">",
                        "@", "\"", ";", ":", " ", "\t", "\u0000", "\u00ff"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20));
        return Arbitraries.oneOf(random,
                headerish.list().ofMaxSize(200).map(pieces -> String.join("", pieces)
                        .getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.of(Mutation.Kind.values()), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 255)).as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    /** One way of breaking a message; {@code at} picks a place in it, {@code value} a byte or a variant. */
    private record Mutation(Kind kind, double at, int value) {

        enum Kind {
            TRUNCATE, DELETE, DUPLICATE, FLIP, INSERT, CLOSING_BOUNDARIES_DROPPED, BOUNDARY_RENAMED, CHARSETS_BROKEN,
            ENCODINGS_SWAPPED, BASE64_AND_QP_BROKEN, LINE_ENDINGS_CHANGED, THOUSANDS_OF_FIELDS, HUGE_FIELD
        }

        private static final List<String> INSERTS = List.of("\r\n--", "\r\n\r\n", "=?UTF-8?B?!!?=", "=ZZ", "=\r\n",
                "!!!@@@", "\u00ff\u00fe", "\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\n",
                "\r\nContent-Transfer-Encoding: base64\r\n", "\r\nContent-Type: text/plain; charset=\"\u0000\"\r\n",
                ": no name\r\n", "no colon at all\r\n", "\u0000\u0000\u0000", "\r", "\n", "\r\nX-Bad\u00ff: \u0001\r\n",
                "\r\nContent-Disposition: attachment; filename*0*=x''%ZZ; filename*1=\"", "--b1x-o\r\n", "--b2x-o--");

        byte[] apply(byte[] raw) {
            String message = new String(raw, StandardCharsets.ISO_8859_1);
            int place = (int) (at * message.length());
            String changed = switch (kind) {
                case TRUNCATE -> message.substring(0, place);
                case DELETE -> message.substring(0, place) + message.substring(Math.min(message.length(), place + value));
                case DUPLICATE -> message.substring(0, place)
                        + message.substring(place, Math.min(message.length(), place + value * 4)) + message.substring(place);
                case FLIP -> place < message.length()
                        ? message.substring(0, place) + (char) value + message.substring(place + 1) : message;
                case INSERT -> message.substring(0, place) + INSERTS.get(value % INSERTS.size()) + message.substring(place);
                case CLOSING_BOUNDARIES_DROPPED -> message.replaceAll("(--b[0-9]+x-o)--", value % 2 == 0 ? "" : "$1");
                case BOUNDARY_RENAMED -> renameOneBoundary(message);
                case CHARSETS_BROKEN -> message.replaceAll("charset=[^;\r\n]*", List.of("charset=\"\"", "charset=utf-7",
                        "charset=x-\u00ff", "charset=\"utf-8", "charset=" + "x".repeat(300), "charset=utf-32")
                        .get(value % 6));
                case ENCODINGS_SWAPPED -> message.replace("base64", "\u0000").replace("quoted-printable", "base64")
                        .replace("\u0000", value % 2 == 0 ? "quoted-printable" : "x-uuencode");
                case BASE64_AND_QP_BROKEN -> message.replaceAll("([A-Za-z0-9+/]{40})", "$1!@#")
                        .replaceAll("=([0-9A-F]{2})", value % 2 == 0 ? "=Z$1" : "=\r\n$1");
                case LINE_ENDINGS_CHANGED -> value % 3 == 0 ? message.replace("\r\n", "\n")
                        : value % 3 == 1 ? message.replace("\r\n", "\r") : message.replace("\n", "\r\n");
                case THOUSANDS_OF_FIELDS -> "X-Many: 1\r\n".repeat(1000 + value * 8) + message;
                case HUGE_FIELD -> "X-Huge: " + "x".repeat(50_000 + value * 100) + "\r\n" + message;
            };
            return changed.getBytes(StandardCharsets.ISO_8859_1);
        }

        private String renameOneBoundary(String message) {
            Matcher boundary = BOUNDARY_PARAMETER.matcher(message);
            List<String> names = new ArrayList<>();
            while (boundary.find()) {
                names.add(boundary.group(1));
            }
            if (names.isEmpty()) {
                return message;
            }
            String name = names.get(value % names.size());
            return message.replace("boundary=\"" + name + "\"", "boundary=\"renamed-" + value + "\"");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static boolean hasLineBreak(byte[] content) {
        for (byte b : content) {
            if (b == '\r' || b == '\n') {
                return true;
            }
        }
        return false;
    }

    /** RFC 2231 value characters are kept, everything else is %XX of its UTF-8 bytes. */
    private static String percentEncoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean attributeChar = c > ' ' && c < 0x7f && "*'%()<>@,;:\\\"/[]?=".indexOf(c) < 0;
            out.append(attributeChar ? String.valueOf(c) : String.format(Locale.ROOT, "%%%02X", b & 0xff));
        }
        return out.toString();
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 && c != '\r' && c != '\n' || c == 0x7f ? String.format(Locale.ROOT, "\\u%04x", (int) c)
                    : c == '\r' ? "\\r" : c == '\n' ? "\\n\n" : String.valueOf(c));
        }
        return out.append('"').toString();
    }
}
