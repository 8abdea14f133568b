package dev.openmail.adapters.smtpin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import dev.openmail.domain.port.in.ReceiveMail;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import org.subethamail.smtp.server.Session;

/**
 * Generated sessions against the real listener over a raw socket: every reply is a well-formed SMTP reply, the
 * connection ends only after QUIT or where a line rule says so, a message reaches the port exactly as the client sent
 * it after dot-unstuffing or not at all, and a fresh session is served normally afterwards.
 *
 * <p>How SubEthaSMTP 7.1.7 reads a command line, asserted here as it is: a line ends only at CRLF. A bare CR or LF
 * gets no answer until the line's CRLF arrives, then "501 Syntax error at character position N" (N: the index of the
 * first bare character) and the connection is closed. A line reaching 998 UTF-16 characters is refused with
 * "501 Input line length is too long!" as soon as it gets there, and the connection closed. Bytes that are not UTF-8
 * get "501 Syntax error: invalid character encoding." and a close, except a 0xFF byte inside a multi-byte sequence,
 * which the library reads as the end of the stream (421). Message content is read raw: bare CR and LF, NUL, 8-bit
 * bytes and lines of any length are kept, only CRLF "." CRLF ends it, and only a dot right after CRLF is removed.
 *
 * <p>Three faults of the library, which the listener works around, are shown by an example each, and the generators
 * produce them too: a SIZE beyond 2^31-1, HELP on a command, and a dot-stuffed first line of DATA.
 */
class SmtpListenerPropertiesTest {

    private static final String ALICE = "alice@example.org";
    private static final String BOB = "bob@example.org";
    private static final String SENDER = "sender@remote.example";
    private static final Set<String> MAILBOXES = Set.of(ALICE, BOB);
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    /** SubEthaSMTP's CRLFTerminatedReader refuses a command line once it holds this many characters. */
    private static final int MAX_COMMAND_CHARS = 998;

    private static final Pattern REPLY_LINE = Pattern.compile("[2-5][0-9]{2}([ -].*)?", Pattern.DOTALL);
    private static final Set<String> VERB_KEYS = Set.of("HELO", "EHLO", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "VRFY",
            "EXPN", "HELP", "AUTH", "BDAT", "QUIT");
    private static final String ACCEPTED = "250 2.0.0 Ok: message accepted";
    private static final String TOO_LONG = "501 Input line length is too long!";
    private static final String BAD_ENCODING = "501 Syntax error: invalid character encoding.";
    private static final String READ_AS_END_OF_STREAM =
            "421 4.4.0 Problem attempting to execute commands. Please try again later.";

    private static FakeReceiveMail mail;
    private static SmtpListener listener;
    private LogCapture sessionLog;

    @BeforeContainer
    static void start() {
        mail = new FakeReceiveMail(ALICE, BOB);
        // thousands of generated MAIL commands from one address: the per-address limits are SmtpClientLimitsTest's
        listener = new SmtpListener(mail, SmtpSettings.defaults()
                .withBindAddress("127.0.0.1")
                .withPort(0)
                .withHostname("mx.test.example")
                .withMaxMessageBytes(MAX_MESSAGE_BYTES)
                .withConnectionTimeout(Duration.ofSeconds(30)), SmtpLimits.none());
        listener.start();
    }

    @AfterContainer
    static void stop() {
        listener.stop();
    }

    @BeforeTry
    void watchTheSessionLog() {
        mail.stored.clear();
        mail.attempts.clear();
        sessionLog = LogCapture.of(Session.class);
    }

    /** SubEthaSMTP logs an exception that escaped a command at ERROR before it answers 421 and drops the client. */
    @AfterTry
    void nothingEscapedASession() {
        try {
            assertTrue(sessionLog.at(Level.ERROR).isEmpty(), sessionLog.everything());
        } finally {
            sessionLog.close();
        }
    }

    // ---- commands -------------------------------------------------------------------------------------------------

    @Property(tries = 200)
    void generatedCommandsGetWellFormedRepliesAndOnlyQuitEndsTheSession(
            @ForAll("sessions") List<String> commands, @ForAll("smallContents") List<Content> contents) throws Exception {
        Iterator<Content> content = cycle(contents);
        List<byte[]> expectedStored = new ArrayList<>();
        try (Wire wire = Wire.greeted()) {
            for (String command : commands) {
                Reply reply = wire.command(command);
                String context = "after " + quoted(command);
                if (key(command).equals("QUIT")) {
                    assertNotNull(reply, "no answer " + context);
                    assertEquals(List.of("221 Bye"), reply.lines(), context);
                    wire.assertClosedByServer();
                    break;
                }
                assertNotNull(reply, "the connection was dropped " + context);
                assertNotEquals(421, reply.code(), reply + " " + context);
                if (reply.code() == 354) {
                    byte[] data = content.next().bytes();
                    wire.send(terminated(data));
                    Reply end = wire.reply();
                    assertNotNull(end, "the connection was dropped after DATA " + hex(data));
                    assertEquals(List.of(ACCEPTED), end.lines(), "DATA " + hex(data));
                    expectedStored.add(unstuffed(data));
                } else if (reply.lines().equals(List.of(ACCEPTED))) {
                    // "BDAT 0 LAST" in an open transaction: an empty message
                    expectedStored.add(new byte[0]);
                }
            }
            if (commands.stream().noneMatch(command -> key(command).equals("QUIT"))) {
                Reply noop = wire.command("NOOP");
                assertNotNull(noop, "the connection was dropped after " + commands);
                assertEquals(List.of("250 Ok"), noop.lines());
            }
        }
        assertEquals(expectedStored.size(), mail.attempts.size(), "each accepted message once, nothing else");
        for (int i = 0; i < expectedStored.size(); i++) {
            ReceiveMail.Command stored = mail.stored.get(i);
            assertArrayEquals(expectedStored.get(i), stored.raw());
            assertTrue(!stored.recipients().isEmpty() && stored.recipients().stream()
                    .allMatch(recipient -> MAILBOXES.contains(recipient.toLowerCase(Locale.ROOT))), stored.recipients()
                    .toString());
        }
        assertStillServes();
    }

    @Property(tries = 100)
    void aBareCrOrLfInACommandIs501AtItsPositionOnceTheLineEndsAndTheConnectionIsClosed(
            @ForAll("bareLineBreaks") String command) throws Exception {
        int position = firstBareLineBreak(command);
        try (Wire wire = Wire.greeted()) {
            Reply reply = wire.command(command);

            assertNotNull(reply, "no answer to " + quoted(command));
            assertEquals(List.of("501 Syntax error at character position " + position
                    + ". CR and LF must be CRLF paired.  See RFC 2821 #2.7.1."), reply.lines(), quoted(command));
            wire.assertClosedByServer();
        }
        assertTrue(mail.attempts.isEmpty());
        assertStillServes();
    }

    @Property(tries = 100)
    void aCommandLineIsRefusedFrom998CharactersOnAndTheConnectionClosed(@ForAll("commandLengths") int length,
            @ForAll("fillerPieces") List<String> pieces) throws Exception {
        String command = "NOOP " + filler(pieces, length - 5);
        assertEquals(length, command.length());
        try (Wire wire = Wire.greeted()) {
            if (length < MAX_COMMAND_CHARS) {
                assertEquals(List.of("250 Ok"), wire.command(command).lines());
                assertEquals(List.of("250 Ok"), wire.command("NOOP").lines());
            } else if (length <= 1006) {
                // the whole line is in the listener's buffer when it answers, so it closes cleanly after the 501
                assertEquals(List.of(TOO_LONG), wire.command(command).lines());
                wire.assertClosedByServer();
            } else {
                // the listener hangs up in the middle of the line, so the end of it may meet a reset
                CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> wire.sendIgnoringHangUp(
                        (command + "\r\n").getBytes(UTF_8)));
                List<String> rest = wire.readUntilClosed();
                assertTrue(rest.isEmpty() || rest.equals(List.of(TOO_LONG)), rest.toString());
                wire.close();
                writing.get();
            }
        }
        assertStillServes();
    }

    @Property(tries = 150)
    void bytesThatAreNotUtf8End501OrAre421WhereTheLibraryReadsAnEndOfStream(
            @ForAll("eightBitArguments") byte[] argument) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes("NOOP ".getBytes(UTF_8));
        line.writeBytes(argument);
        line.writeBytes("\r\n".getBytes(UTF_8));
        Utf8Outcome expected = utf8Outcome(line.toByteArray());
        try (Wire wire = Wire.greeted()) {
            wire.send(line.toByteArray());
            Reply reply = wire.reply();

            assertNotNull(reply, "no answer to " + hex(argument));
            switch (expected) {
                case VALID -> {
                    assertEquals(List.of("250 Ok"), reply.lines(), hex(argument));
                    assertEquals(List.of("250 Ok"), wire.command("NOOP").lines());
                }
                case INVALID -> {
                    assertEquals(List.of(BAD_ENCODING), reply.lines(), hex(argument));
                    wire.assertClosedByServer();
                }
                case END_OF_STREAM -> {
                    assertEquals(List.of(READ_AS_END_OF_STREAM), reply.lines(), hex(argument));
                    wire.assertClosedByServer();
                }
            }
        }
        assertStillServes();
    }

    @Example
    void aCommandEndedByABareLfIsNotAnsweredUntilACrLfComesThenRefused() throws Exception {
        try (Wire wire = Wire.greeted()) {
            wire.send("NOOP\n".getBytes(UTF_8));

            wire.assertNothingWithin(Duration.ofMillis(300));

            wire.send("\r\n".getBytes(UTF_8));
            assertEquals(List.of("501 Syntax error at character position 4. CR and LF must be CRLF paired.  See RFC 2821 "
                    + "#2.7.1."), wire.reply().lines());
            wire.assertClosedByServer();
        }
        assertStillServes();
    }

    /**
     * RFC 1870 lets a client declare any size; the listener must answer 552 to one over its limit. SubEthaSMTP 7.1.7
     * parses the value with Integer.parseInt, so a value beyond 2^31-1 threw out of the session: 421 and a hang-up.
     */
    @Example
    void aDeclaredSizeBeyondTheIntegerRangeIsRefusedWith552AndTheSessionGoesOn() throws Exception {
        try (Wire wire = Wire.greeted()) {
            assertEquals(250, wire.command("EHLO client.test").code());

            Reply reply = wire.command("MAIL FROM:<" + SENDER + "> SIZE=99999999999");

            assertNotNull(reply, "the connection was dropped");
            assertEquals(552, reply.code(), reply.toString());
            assertEquals(250, wire.command("MAIL FROM:<" + SENDER + "> SIZE=100").code());
        }
        assertStillServes();
    }

    /**
     * RFC 5321 section 2.3.8: lines of a reply end in CRLF. SubEthaSMTP 7.1.7 joins the lines of the help on a command
     * (HelpMessage) with a bare LF, which the listener turns into CRLF.
     */
    @Example
    void helpOnACommandIsAnsweredInCrLfLines() throws Exception {
        try (Wire wire = Wire.greeted()) {
            Reply help = wire.command("HELP MAIL");

            assertEquals(List.of("214-MAIL FROM: <sender> [ <parameters> ]", "214-    Specifies the sender.",
                    "214 End of MAIL info"), help.lines());
        }
    }

    /** AUTH's argument description holds line breaks of its own, which SubEthaSMTP 7.1.7 sends as lines without a code. */
    @Example
    void helpOnEveryCommandIsOneWellFormedReply() throws Exception {
        try (Wire wire = Wire.greeted()) {
            for (String verb : List.of("HELO", "EHLO", "MAIL", "RCPT", "DATA", "BDAT", "RSET", "NOOP", "VRFY", "EXPN",
                    "HELP", "AUTH", "STARTTLS", "QUIT")) {
                Reply help = wire.command("HELP " + verb);

                assertEquals(214, help.code(), verb + ": " + help);
                assertEquals("214 End of " + verb + " info", help.lines().get(help.lines().size() - 1), help.toString());
            }
            assertEquals(List.of("250 Ok"), wire.command("NOOP").lines());
        }
    }

    // ---- message content ------------------------------------------------------------------------------------------

    @Property(tries = 150)
    void whatReachesThePortIsTheDataWithTheStuffedDotsTakenOut(@ForAll("contents") Content content) throws Exception {
        assertStoredWithTheStuffedDotsTakenOut(content.bytes());
    }

    @Property(tries = 100)
    void aDotLineEndedOrStartedByABareCrOrLfDoesNotEndTheMessage(@ForAll("smallContents") List<Content> parts,
            @ForAll("falseEnds") String falseEnd) throws Exception {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        // "x" keeps the first line from starting with a dot, and a CR before from making the false end a real one
        data.writeBytes(parts.get(0).bytes());
        data.write('x');
        data.writeBytes(falseEnd.getBytes(UTF_8));
        data.writeBytes(parts.get(parts.size() - 1).bytes());
        Assume.that(!holdsTheEndOfData(withFinalCrLf(data.toByteArray())));

        assertStoredWithTheStuffedDotsTakenOut(data.toByteArray());
    }

    private static void assertStoredWithTheStuffedDotsTakenOut(byte[] data) throws IOException {
        try (Wire wire = Wire.greeted()) {
            Reply end = wire.transaction(terminated(data));

            assertEquals(List.of(ACCEPTED), end.lines(), hex(data));
            assertEquals(List.of("250 Ok"), wire.command("NOOP").lines(), "the DATA ended where it should");
        }
        assertEquals(1, mail.stored.size());
        assertArrayEquals(unstuffed(data), mail.stored.get(0).raw(), () -> "sent " + hex(data) + "\nstored "
                + hex(mail.stored.get(0).raw()));
        assertEquals(List.of(ALICE), mail.stored.get(0).recipients());
    }

    /**
     * RFC 5321 section 4.5.2: the first character of any line that starts with a period is deleted, the first line
     * of the message too. SubEthaSMTP 7.1.7 unstuffs only after CRLF, so a message whose first line starts with a
     * dot (a header field name may) is stored with the client's added dot.
     */
    @Example
    void aStuffedDotOnTheFirstLineIsTakenOutLikeOnAnyOther() throws Exception {
        byte[] message = ".X-Dotted: first\r\nSubject: dot\r\n\r\n.second\r\n".getBytes(UTF_8);
        try (Wire wire = Wire.greeted()) {
            assertEquals(List.of(ACCEPTED), wire.transaction(RawSmtpClient.dotStuffed(message)).lines());
        }
        assertEquals(new String(message, UTF_8), new String(mail.stored.get(0).raw(), UTF_8));
    }

    @Property(tries = 20)
    void aMessageOverTheLimitIsRefusedWith552NeverReachesThePortAndTheSessionGoesOn(
            @ForAll("oversizeLengths") int length) throws Exception {
        byte[] tooBig = new byte[length];
        Arrays.fill(tooBig, (byte) 'o');
        for (int i = 80; i < length; i += 80) {
            tooBig[i - 2] = '\r';
            tooBig[i - 1] = '\n';
        }
        try (Wire wire = Wire.greeted()) {
            Reply refused = wire.transaction(terminated(tooBig));

            assertEquals(List.of("552 5.3.4 Message size exceeds fixed limit"), refused.lines());
            assertTrue(mail.attempts.isEmpty(), "a refused message reached the port");
            byte[] small = "Subject: small\r\n\r\nfits\r\n".getBytes(UTF_8);
            assertEquals(List.of(ACCEPTED), wire.transaction(terminated(small)).lines());
            assertArrayEquals(small, mail.stored.get(0).raw());
        }
    }

    // ---- generators -----------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<String>> sessions() {
        Arbitrary<String> command = Arbitraries.frequencyOf(
                Tuple.of(8, wellFormedCommand()),
                Tuple.of(5, mailOrRcptWithABrokenPath()),
                Tuple.of(3, knownVerbWithJunk()),
                Tuple.of(2, unknownVerb()),
                Tuple.of(2, text(120)),
                Tuple.of(1, Arbitraries.of("QUIT", "quit", "QUITTING now", "Quit\u0000")));
        Arbitrary<List<String>> noise = command
                // a BDAT with a size waits for its chunk; BDAT chunks are SmtpListenerProtocolTest's business
                .filter(line -> !waitsForAChunk(line))
                .list().ofMinSize(1).ofMaxSize(10);
        // a transaction, whole, in disorder or cut short, with the noise around and inside it
        Arbitrary<List<String>> skeleton = Arbitraries.of(
                List.of(),
                List.of("MAIL FROM:<" + SENDER + ">", "RCPT TO:<" + ALICE + ">", "DATA"),
                List.of("MAIL FROM:<>", "RCPT TO:<nobody@example.org>", "RCPT TO:<Bob@Example.ORG>", "DATA"),
                List.of("MAIL FROM:<" + SENDER + ">", "RCPT TO:<" + ALICE + ">", "BDAT 0 LAST"),
                List.of("RCPT TO:<" + ALICE + ">", "MAIL FROM:<" + SENDER + ">", "DATA", "RCPT TO:<" + BOB + ">", "DATA"),
                List.of("MAIL FROM:<" + SENDER + ">", "DATA", "RCPT TO:<" + ALICE + ">", "RSET", "DATA"),
                List.of("DATA", "MAIL FROM:<" + SENDER + ">", "MAIL FROM:<" + SENDER + ">", "RCPT TO:<" + ALICE + ">",
                        "RCPT TO:<" + ALICE + ">", "DATA", "DATA"));
        return skeleton.flatMap(steps -> Combinators.combine(noise,
                        Arbitraries.integers().between(0, 10).list().ofSize(steps.size()))
                .as((commands, at) -> {
                    List<String> session = new ArrayList<>(commands);
                    List<Integer> positions = at.stream().sorted().toList();
                    for (int i = 0; i < steps.size(); i++) {
                        session.add(Math.min(positions.get(i) + i, session.size()), steps.get(i));
                    }
                    return session;
                }));
    }

    private static Arbitrary<String> wellFormedCommand() {
        return Arbitraries.oneOf(
                Arbitraries.of("EHLO client.test", "HELO client.test", "RSET", "NOOP", "DATA", "HELP", "HELP nothing",
                        "VRFY alice", "EXPN list", "AUTH PLAIN AGFsaWNlAHNlY3JldA==", "STARTTLS", "BDAT 0 LAST",
                        "MAIL FROM:<>", "RCPT TO:<" + ALICE + ">", "RCPT TO:<Bob@Example.ORG>",
                        "RCPT TO:<nobody@example.org>", "MAIL FROM:<" + SENDER + "> BODY=8BITMIME SMTPUTF8"),
                Combinators.combine(Arbitraries.of(VERB_KEYS).map(verb -> verb.toLowerCase(Locale.ROOT)),
                                Arbitraries.of("HELP ", "help ", "HELP  "), Arbitraries.of("", " x", "TLS"))
                        .as((verb, help, rest) -> help + verb + rest),
                Arbitraries.of("HELP STARTTLS", "HELP QUIT", "HELP DATA", "HELP mail from"),
                Arbitraries.integers().between(0, Integer.MAX_VALUE)
                        .map(size -> "MAIL FROM:<" + SENDER + "> SIZE=" + size),
                // beyond int and beyond long as well, alone or before another parameter
                Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.valueOf(Integer.MAX_VALUE),
                                        BigInteger.TEN.pow(40)),
                                Arbitraries.of("", " BODY=8BITMIME", "  "))
                        .as((size, more) -> "MAIL FROM:<" + SENDER + "> SIZE=" + size + more),
                Arbitraries.of("MAIL FROM:<" + SENDER + "> SIZE=0099999999999", "MAIL FROM:<" + SENDER + "> size=1e9",
                        "MAIL FROM:<" + SENDER + "> SIZE=100 BODY=8BITMIME", "MAIL FROM:<" + SENDER + "> SIZE=+5",
                        "MAIL FROM:" + SENDER + " SIZE=99999999999", "MAIL FROM:<" + SENDER + " SIZE=99999999999"),
                Arbitraries.just("MAIL FROM:<" + SENDER + ">"));
    }

    private static Arbitrary<String> mailOrRcptWithABrokenPath() {
        Arbitrary<String> prefix = Arbitraries.of("MAIL FROM:", "mail from: ", "MAIL FROM", "MAIL  FROM:", "MAIL TO:",
                "MAIL", "MAIL ", "RCPT TO:", "rcpt to: ", "RCPT TO", "RCPT FROM:", "RCPT", "RCPT TO:  ");
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of("", "<", ">", "<>", "<<>>", "<<" + ALICE + ">>", "<" + ALICE, ALICE + ">", ALICE,
                        "<@relay.example:" + ALICE + ">", "< " + ALICE + " >", "<" + ALICE + "> junk",
                        "<\"quoted local\"@example.org>", "<a@[127.0.0.1]>", "<a@b@c>", "<a b@example.org>",
                        "<" + "x".repeat(300) + "@example.org>", "<" + ALICE + ">>", "<<<<", ">>>>",
                        "<a\u0000b@example.org>", "<\u00e5lice@ex\u00e4mple.org>", "<\u2028@example.org>",
                        "<alice@example.org\u0000>", "<" + ALICE + "> SIZE=", "<" + ALICE + "> SIZE=-1",
                        "<" + ALICE + "> SIZE=12abc", "<" + ALICE + "> NOTIFY=NEVER ORCPT=rfc822;x@y",
                        "<\u001b[31m@example.org>", "<alice@exa\tmple.org>", "\"<alice@example.org>\""),
                text(60).map(t -> "<" + t + ">"),
                text(60));
        return Combinators.combine(prefix, path).as(String::concat);
    }

    private static Arbitrary<String> knownVerbWithJunk() {
        Arbitrary<String> verb = Arbitraries.of("HELO", "EHLO", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "VRFY", "EXPN",
                "HELP", "AUTH", "STARTTLS", "ehlo", "Data", "NOOPS", "HELOX", "DATAGRAM", "RSETTLE");
        Arbitrary<String> separator = Arbitraries.of("", " ", "  ", "\t", "\u0000", ":");
        return Combinators.combine(verb, separator, text(80)).as((v, s, t) -> v + s + t);
    }

    private static Arbitrary<String> unknownVerb() {
        Arbitrary<String> verb = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10)
                .filter(v -> !VERB_KEYS.contains(key(v)) && !v.equalsIgnoreCase("STARTTLS"));
        return Combinators.combine(verb, Arbitraries.of("", " ", " x", " <" + ALICE + ">")).as(String::concat);
    }

    /** Text without CR and LF: ASCII with every control character, Latin, CJK, line separators, BOM, emoji. */
    private static Arbitrary<String> text(int maxPieces) {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\u007f').ofLength(1),
                Arbitraries.strings().withCharRange('\u0080', '\u07ff').ofLength(1),
                Arbitraries.strings().withCharRange('\u4e00', '\u4e40').ofLength(1),
                Arbitraries.of("\u2028", "\u2029", "\u0085", "\ufeff", "\ufffd", "\uD83D\uDE00", "\uD835\uDD18", " "));
        return piece.filter(p -> !p.equals("\r") && !p.equals("\n"))
                .list().ofMaxSize(maxPieces).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> bareLineBreaks() {
        Arbitrary<List<Integer>> positions = Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Character>> breaks = Arbitraries.of('\r', '\n').list().ofSize(3);
        return Combinators.combine(text(200), positions, breaks).as((base, at, which) -> {
            StringBuilder line = new StringBuilder("NOOP " + base);
            for (int i = 0; i < at.size(); i++) {
                int position = Math.min(at.get(i), line.length());
                if (position > 0 && position < line.length() && Character.isLowSurrogate(line.charAt(position))) {
                    position--; // not between the halves of an emoji
                }
                line.insert(position, which.get(i));
            }
            return line.toString();
        }).filter(line -> !line.contains("\r\n") && line.length() < MAX_COMMAND_CHARS - 5);
    }

    @Provide
    Arbitrary<Integer> commandLengths() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(990, 1006)),
                Tuple.of(2, Arbitraries.integers().between(1007, 20_000)),
                Tuple.of(1, Arbitraries.integers().between(20_001, 100_000)));
    }

    /** Characters of one, two, three and four UTF-8 bytes; the last is two UTF-16 characters, as the limit counts. */
    @Provide
    Arbitrary<List<String>> fillerPieces() {
        return Arbitraries.of("a", "\u00e9", "\u20ac", "\uD83D\uDE00", " ", "\u0000").list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<byte[]> eightBitArguments() {
        Arbitrary<Byte> any = Arbitraries.integers().between(0, 255).filter(b -> b != '\r' && b != '\n')
                .map(Integer::byteValue);
        Arbitrary<Byte> high = Arbitraries.integers().between(0x80, 0xff).map(Integer::byteValue);
        Arbitrary<byte[]> utf8 = text(6).map(t -> t.getBytes(UTF_8));
        Arbitrary<byte[]> chunk = Arbitraries.oneOf(
                Arbitraries.frequencyOf(Tuple.of(1, any), Tuple.of(2, high))
                        .list().ofMinSize(1).ofMaxSize(4).map(SmtpListenerPropertiesTest::bytes),
                utf8,
                Arbitraries.of(new byte[] {(byte) 0xc3, (byte) 0xff}, new byte[] {(byte) 0xc0, (byte) 0x80},
                        new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xf4, (byte) 0x90,
                                (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                        new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}, new byte[] {(byte) 0xff}));
        return chunk.list().ofMinSize(1).ofMaxSize(5).map(chunks -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            chunks.forEach(all::writeBytes);
            return all.toByteArray();
        });
    }

    /**
     * DATA content as a client sends it, stuffed or not, never holding a real end of data (once it is ended with CRLF,
     * as {@link #terminated} does). Its first line may start with a dot too, which SubEthaSMTP alone would not unstuff
     * (see {@link #aStuffedDotOnTheFirstLineIsTakenOutLikeOnAnyOther}).
     */
    @Provide
    Arbitrary<Content> contents() {
        return content(30, true);
    }

    @Provide
    Arbitrary<List<Content>> smallContents() {
        return content(8, false).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> falseEnds() {
        return Arbitraries.of("\n.\n", "\r\n.\n", "\n.\r\n", "\r.\r\n", "\n..\n", "\n.", ".\n", "\r\n.\r", "\r\n. \r\n",
                "\r\n.\u0000\r\n");
    }

    @Provide
    Arbitrary<Integer> oversizeLengths() {
        return Arbitraries.integers().between(MAX_MESSAGE_BYTES + 1, MAX_MESSAGE_BYTES + 100_000);
    }

    private static Arbitrary<Content> content(int maxLines, boolean longLines) {
        Arbitrary<String> start = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.of(".", "..", "...", ". ", ".\u0000")));
        Arbitrary<Byte> contentByte = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.integers().between(0x20, 0x7e)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xff)),
                Tuple.of(1, Arbitraries.of(0x00, 0x09, 0x0b, 0x0c, 0x1b, 0x7f, (int) '.'))).map(Integer::byteValue);
        Arbitrary<byte[]> shortLine = contentByte.list().ofMaxSize(120).map(SmtpListenerPropertiesTest::bytes);
        Arbitrary<byte[]> body = !longLines ? shortLine : Arbitraries.frequencyOf(
                Tuple.of(20, shortLine),
                Tuple.of(2, Arbitraries.integers().between(999, 2100).map(n -> repeated('w', n))),
                Tuple.of(1, Arbitraries.integers().between(50_000, 100_000).map(n -> repeated('h', n))));
        Arbitrary<String> end = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just("\r\n")),
                Tuple.of(3, Arbitraries.just("\n")),
                Tuple.of(1, Arbitraries.of("\r", "\r\r\n", "\n\r", "")));
        Arbitrary<byte[]> line = Combinators.combine(start, body, end).as((s, b, e) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(s.getBytes(UTF_8));
            out.writeBytes(b);
            out.writeBytes(e.getBytes(UTF_8));
            return out.toByteArray();
        });
        return line.list().ofMaxSize(maxLines)
                .map(lines -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    lines.forEach(out::writeBytes);
                    return out.toByteArray();
                })
                .filter(data -> data.length <= MAX_MESSAGE_BYTES - 2 && !holdsTheEndOfData(withFinalCrLf(data)))
                .map(Content::new);
    }

    // ---- the model of RFC 5321 section 4.5.2 ------------------------------------------------------------------------

    /** Whether a line of {@code data} (at its start or after CRLF) is a lone dot, which would end the message there. */
    private static boolean holdsTheEndOfData(byte[] data) {
        for (int i = 0; i + 2 < data.length; i++) {
            if (atLineStart(data, i) && data[i] == '.' && data[i + 1] == '\r' && data[i + 2] == '\n') {
                return true;
            }
        }
        return false;
    }

    /** The content as it goes out after 354: ended with CRLF if it is not already, then the lone dot. */
    private static byte[] terminated(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 5);
        out.writeBytes(withFinalCrLf(data));
        out.writeBytes(".\r\n".getBytes(UTF_8));
        return out.toByteArray();
    }

    /** What the receiver must store: the content ended with CRLF, without the first dot of each line. */
    private static byte[] unstuffed(byte[] data) {
        byte[] whole = withFinalCrLf(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(whole.length);
        for (int i = 0; i < whole.length; i++) {
            if (!(whole[i] == '.' && atLineStart(whole, i))) {
                out.write(whole[i]);
            }
        }
        return out.toByteArray();
    }

    private static byte[] withFinalCrLf(byte[] data) {
        if (data.length == 0 || (data.length >= 2 && data[data.length - 2] == '\r' && data[data.length - 1] == '\n')) {
            return data;
        }
        byte[] ended = Arrays.copyOf(data, data.length + 2);
        ended[data.length] = '\r';
        ended[data.length + 1] = '\n';
        return ended;
    }

    private static boolean atLineStart(byte[] data, int i) {
        return i == 0 || (i >= 2 && data[i - 2] == '\r' && data[i - 1] == '\n');
    }

    private static int firstBareLineBreak(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == line.length() || line.charAt(i + 1) != '\n'))) {
                return i;
            }
        }
        throw new IllegalArgumentException("no bare line break in " + quoted(line));
    }

    private enum Utf8Outcome { VALID, INVALID, END_OF_STREAM }

    /** How SubEthaSMTP's Utf8InputStreamReader reads {@code line}, one character at a time, strictly. */
    private static Utf8Outcome utf8Outcome(byte[] line) {
        int i = 0;
        while (i < line.length) {
            int lead = line[i] & 0xff;
            int length = lead < 0x80 ? 1 : lead < 0xc0 ? -1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf8 ? 4 : -1;
            if (length < 0) {
                return Utf8Outcome.INVALID;
            }
            for (int k = 1; k < length; k++) {
                int next = line[i + k] & 0xff; // the line ends in CRLF, which is never a continuation, so this stays inside
                if (next == 0xff) {
                    return Utf8Outcome.END_OF_STREAM; // read as (byte) -1
                }
                if ((next & 0xc0) != 0x80) {
                    return Utf8Outcome.INVALID;
                }
            }
            try {
                UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(line, i, length));
            } catch (CharacterCodingException e) {
                return Utf8Outcome.INVALID;
            }
            i += length;
        }
        return Utf8Outcome.VALID;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** A whole valid transaction on a new connection, stored byte for byte. */
    private static void assertStillServes() throws IOException {
        byte[] message = ("From: <" + SENDER + ">\r\nTo: <" + ALICE + ">\r\nSubject: still serving " + UUID.randomUUID()
                + "\r\n\r\nbody\r\n").getBytes(UTF_8);
        int before = mail.stored.size();
        try (Wire wire = Wire.greeted()) {
            assertEquals(List.of(ACCEPTED), wire.transaction(terminated(message)).lines());
            assertEquals(List.of("221 Bye"), wire.command("QUIT").lines());
        }
        assertEquals(before + 1, mail.stored.size());
        assertArrayEquals(message, mail.stored.get(before).raw());
    }

    /** Whether SubEthaSMTP's BdatCommand would take this line as a chunk of more than 0 bytes, to be read next. */
    private static boolean waitsForAChunk(String line) {
        if (!key(line).equals("BDAT")) {
            return false;
        }
        StringTokenizer tokens = new StringTokenizer(line);
        List<String> args = new ArrayList<>();
        while (tokens.hasMoreTokens()) {
            args.add(tokens.nextToken());
        }
        if (args.size() < 2 || args.size() > 3 || (args.size() == 3 && !args.get(2).equals("LAST"))) {
            return false;
        }
        try {
            return Long.parseLong(args.get(1)) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The first four characters in upper case, which is how SubEthaSMTP picks the command. */
    private static String key(String command) {
        return command.length() < 4 ? command : command.substring(0, 4).toUpperCase(Locale.ENGLISH);
    }

    private static String filler(List<String> pieces, int length) {
        StringBuilder filler = new StringBuilder(length + 2);
        for (int i = 0; filler.length() < length; i++) {
            String piece = pieces.get(i % pieces.size());
            filler.append(filler.length() + piece.length() > length ? "a" : piece);
        }
        return filler.toString();
    }

    private static <T> Iterator<T> cycle(List<T> items) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public T next() {
                return items.get(next++ % items.size());
            }
        };
    }

    private static byte[] bytes(List<Byte> list) {
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = list.get(i);
        }
        return bytes;
    }

    private static byte[] repeated(char c, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        String shown = text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
        for (char c : shown.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f || c > 0x7e ? String.format(Locale.ROOT, "\\u%04x", (int) c)
                    : String.valueOf(c));
        }
        return out.append('"').toString();
    }

    private static String hex(byte[] bytes) {
        byte[] shown = bytes.length > 200 ? Arrays.copyOf(bytes, 200) : bytes;
        return HexFormat.of().formatHex(shown) + (bytes.length > 200 ? "...(" + bytes.length + " bytes)" : "");
    }

    /** DATA content, shown abbreviated in jqwik's reports. */
    private record Content(byte[] bytes) {
        @Override
        public String toString() {
            return hex(bytes);
        }
    }

    private record Reply(int code, List<String> lines) {
        @Override
        public String toString() {
            return String.join("\\r\\n", lines.stream().map(SmtpListenerPropertiesTest::quoted).toList());
        }
    }

    /** A raw client that reads replies strictly: lines end in CRLF, and nothing but CRLF ends them. */
    private static final class Wire implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private Wire() throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.port()), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        static Wire greeted() throws IOException {
            Wire wire = new Wire();
            Reply greeting = wire.reply();
            assertNotNull(greeting, "no greeting");
            assertEquals(220, greeting.code(), greeting.toString());
            return wire;
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void sendIgnoringHangUp(byte[] bytes) {
            try {
                send(bytes);
            } catch (IOException hungUp) {
                // the listener may close before all of it is written
            }
        }

        Reply command(String line) throws IOException {
            send((line + "\r\n").getBytes(UTF_8));
            return reply();
        }

        /** MAIL, RCPT, DATA and the given DATA bytes (ending with the terminator); the reply to the end of data. */
        Reply transaction(byte[] terminatedData) throws IOException {
            assertEquals(250, command("EHLO client.test").code());
            assertEquals(List.of("250 Ok"), command("MAIL FROM:<" + SENDER + ">").lines());
            assertEquals(List.of("250 Ok"), command("RCPT TO:<" + ALICE + ">").lines());
            assertEquals(List.of("354 End data with <CR><LF>.<CR><LF>"), command("DATA").lines());
            send(terminatedData);
            Reply end = reply();
            assertNotNull(end, "the connection was dropped at the end of DATA");
            return end;
        }

        /** The next reply, checked line by line; null when the server closed the connection before sending any. */
        Reply reply() throws IOException {
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = strictLine();
                if (line == null) {
                    assertTrue(lines.isEmpty(), "the connection ended inside a reply: " + lines);
                    return null;
                }
                lines.add(line);
                assertTrue(REPLY_LINE.matcher(line).matches(), "not a reply line: " + quoted(line));
                assertEquals(lines.get(0).substring(0, 3), line.substring(0, 3), "one code per reply: " + lines);
                if (line.length() == 3 || line.charAt(3) == ' ') {
                    return new Reply(Integer.parseInt(line.substring(0, 3)), List.copyOf(lines));
                }
            }
        }

        private String strictLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean afterCr = false;
            while (true) {
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("no reply within " + READ_TIMEOUT_MILLIS + " ms after "
                            + quoted(line.toString(UTF_8)), e);
                } catch (SocketException reset) {
                    b = -1;
                }
                if (b == -1) {
                    assertEquals(0, line.size(), "a reply line cut off: " + quoted(line.toString(UTF_8)));
                    assertTrue(!afterCr, "a reply line cut off after CR");
                    return null;
                }
                if (afterCr) {
                    assertEquals('\n', b, "a bare CR in a reply: " + quoted(line.toString(UTF_8)));
                    return line.toString(UTF_8);
                }
                if (b == '\n') {
                    fail("a bare LF in a reply: " + quoted(line.toString(UTF_8)));
                }
                if (b == '\r') {
                    afterCr = true;
                } else {
                    line.write(b);
                }
            }
        }

        /** Every reply up to the end of the connection; fails if the server keeps it open. */
        List<String> readUntilClosed() throws IOException {
            List<String> lines = new ArrayList<>();
            for (Reply reply = reply(); reply != null; reply = reply()) {
                lines.addAll(reply.lines());
            }
            return lines;
        }

        void assertClosedByServer() throws IOException {
            List<String> more = readUntilClosed();
            assertTrue(more.isEmpty(), "more after the last reply: " + more);
        }

        void assertNothingWithin(Duration wait) throws IOException {
            socket.setSoTimeout((int) wait.toMillis());
            try {
                int b = in.read();
                fail("the server answered " + (b == -1 ? "by closing" : "with " + (char) b));
            } catch (SocketTimeoutException expected) {
                // still waiting for the end of the line
            } finally {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
