package dev.openmail.adapters.smtpin;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.subethamail.smtp.internal.io.DotTerminatedInputStream;
import org.subethamail.smtp.internal.io.DotUnstuffingInputStream;

/**
 * {@link DotStuffedDataInputStream} against a plain model of RFC 5321 section 4.5.2 as the listener reads it, and
 * against SubEthaSMTP 7.1.7's own stack (DotTerminatedInputStream, DotUnstuffingInputStream, plus the first line's
 * period), over inputs cut into packets of every size and read in chunks of every size: the same content, the same
 * end, and not a byte taken from the input past the terminating line.
 */
class DotStuffedDataInputStreamTest {

    // ---- properties -----------------------------------------------------------------------------------------------

    @Property(tries = 1000)
    void readsWhatTheModelAndTheLibraryRead(@ForAll("raw") byte[] raw, @ForAll("bufferSizes") int bufferSize,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 40) Integer> packets,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 40) Integer> reads,
            @ForAll @IntRange(min = 1, max = 64) int sessionBuffer, @ForAll boolean pendingBytesShowAsAvailable)
            throws IOException {
        Outcome model = model(raw);
        assertEquals(model, library(raw), () -> "the model is not the library on " + hex(raw));

        InputStream session = new BufferedInputStream(new Packets(raw, packets, pendingBytesShowAsAvailable),
                sessionBuffer);
        assertEquals(model, readAll(raw, session, new DotStuffedDataInputStream(session, bufferSize), reads),
                () -> hex(raw));
    }

    @Property(tries = 300)
    void readsAnInputThatCannotBeMarkedOneByteAtATime(@ForAll("raw") byte[] raw,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 40) Integer> reads) throws IOException {
        InputStream session = new Packets(raw, List.of(7), true);
        assertEquals(model(raw), readAll(raw, session, new DotStuffedDataInputStream(session, 16), reads),
                () -> hex(raw));
    }

    /** Messages of long lines, with the session's buffer and the default one, as on the wire. */
    @Property(tries = 30)
    void readsLongContentAsTheLibraryDoes(@ForAll("longRaw") byte[] raw,
            @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 1, max = 70_000) Integer> packets) throws IOException {
        Outcome model = model(raw);
        assertEquals(model, library(raw));
        InputStream session = new BufferedInputStream(new Packets(raw, packets, false), 8192);
        assertEquals(model, readAll(raw, session, new DotStuffedDataInputStream(session), List.of(64 * 1024)));
    }

    // ---- examples -------------------------------------------------------------------------------------------------

    @Example
    void aLonePeriodAsTheFirstLineIsAnEmptyMessage() throws IOException {
        assertReads(".\r\nQUIT\r\n", "", "QUIT\r\n");
    }

    @Example
    void theFirstLineIsUnstuffedLikeEveryOther() throws IOException {
        assertReads("..\r\n.\r\n", ".\r\n", "");
        assertReads(".X-Dotted: 1\r\n..x\r\n.\r\nNOOP\r\n", "X-Dotted: 1\r\n.x\r\n", "NOOP\r\n");
    }

    @Example
    void aDoubledPeriodLineIsALonePeriodOfContent() throws IOException {
        assertReads("\r\n..\r\n.\r\n", "\r\n.\r\n", "");
    }

    @Example
    void onlyCrLfEndsALine() throws IOException {
        assertReads("a\n.\nb\r\n.\n\n.\r\nc\r.\r\n.\r\nX", "a\n.\nb\r\n\n\n.\r\nc\r.\r\n", "X");
        assertReads("a\r\n.\r\r\n.\r\n", "a\r\n\r\r\n", "");
    }

    @Example
    void theTerminatorMayBeSplitAcrossEveryReadAndBufferBoundary() throws IOException {
        byte[] raw = "ab\r\n..c\r\n.\r\nRSET\r\n".getBytes(ISO_8859_1);
        Outcome expected = new Outcome("ab\r\n.c\r\n".getBytes(ISO_8859_1), 12, false);
        for (int bufferSize = 3; bufferSize <= raw.length + 1; bufferSize++) {
            for (int packet = 1; packet <= raw.length; packet++) {
                for (int read = 1; read <= raw.length; read++) {
                    InputStream session = new BufferedInputStream(new Packets(raw, List.of(packet), false), 4);
                    assertEquals(expected, readAll(raw, session, new DotStuffedDataInputStream(session, bufferSize),
                            List.of(read)), "buffer " + bufferSize + ", packet " + packet + ", read " + read);
                }
            }
        }
    }

    @Example
    void linesLongerThanTheBufferAreKeptWhole() throws IOException {
        String line = "x".repeat(20_000);
        assertReads(line + "\r\n." + line + "\r\n.\r\n", line + "\r\n" + line + "\r\n", "");
    }

    @Example
    void anEndOfInputBeforeTheLonePeriodIsAnError() {
        for (String cut : List.of("", ".", ".\r", "abc", "abc\r\n", "abc\r\n.", "abc\r\n.\r", "abc\r\n.\n", "a\n.\n")) {
            InputStream session = new BufferedInputStream(new ByteArrayInputStream(cut.getBytes(ISO_8859_1)));
            DotStuffedDataInputStream data = new DotStuffedDataInputStream(session);
            EOFException eof = assertThrows(EOFException.class, () -> data.readAllBytes(), cut);
            assertEquals("Pre-mature end of <CRLF>.<CRLF> terminated data", eof.getMessage());
        }
    }

    @Example
    void afterTheEndItReadsNothingAndClosingLeavesTheInputOpen() throws IOException {
        InputStream session = new BufferedInputStream(new ByteArrayInputStream("a\r\n.\r\nQUIT\r\n"
                .getBytes(ISO_8859_1)));
        DotStuffedDataInputStream data = new DotStuffedDataInputStream(session);
        assertArrayEquals("a\r\n".getBytes(ISO_8859_1), data.readAllBytes());
        assertEquals(-1, data.read());
        assertEquals(-1, data.read(new byte[4], 0, 4));
        assertEquals(0, data.read(new byte[4], 0, 0));
        data.close();
        assertEquals("QUIT\r\n", new String(session.readAllBytes(), ISO_8859_1));
    }

    @Example
    void readsEveryByteValue() throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (int b = 0; b < 256; b++) {
            content.write(b);
        }
        content.writeBytes("\r\n".getBytes(ISO_8859_1));
        byte[] raw = Arrays.copyOf(content.toByteArray(), content.size() + 3);
        raw[raw.length - 3] = '.';
        raw[raw.length - 2] = '\r';
        raw[raw.length - 1] = '\n';
        InputStream session = new BufferedInputStream(new ByteArrayInputStream(raw));
        DotStuffedDataInputStream data = new DotStuffedDataInputStream(session);
        for (byte expected : content.toByteArray()) {
            assertEquals(expected & 0xff, data.read());
        }
        assertEquals(-1, data.read());
    }

    private static void assertReads(String raw, String content, String left) throws IOException {
        byte[] bytes = raw.getBytes(ISO_8859_1);
        Outcome expected = new Outcome(content.getBytes(ISO_8859_1), bytes.length - left.length(), false);
        assertEquals(expected, model(bytes), "model");
        assertEquals(expected, library(bytes), "library");
        for (int read : List.of(1, 2, 3, 5, 8192, 65536)) {
            InputStream session = new BufferedInputStream(new ByteArrayInputStream(bytes));
            assertEquals(expected, readAll(bytes, session, new DotStuffedDataInputStream(session), List.of(read)));
            session = new BufferedInputStream(new Packets(bytes, List.of(1, 2, 3), false), 5);
            assertEquals(expected, readAll(bytes, session, new DotStuffedDataInputStream(session, 3), List.of(read)));
        }
    }

    // ---- generators -----------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> raw() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("\r\n", ".", "\r", "\n", "..", ".\r\n", "\r\n.\r\n", "\r\n..\r\n")),
                Tuple.of(4, Arbitraries.strings().withChars("ab .\r\n\u0000\u00ff").ofMaxLength(4)),
                Tuple.of(1, Arbitraries.integers().between(1, 60).map("x"::repeat)));
        return piece.list().ofMaxSize(25).map(pieces -> String.join("", pieces).getBytes(ISO_8859_1))
                // most with a terminator somewhere and bytes after it, some without (an end of input)
                .flatMap(content -> Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.just(concat(content, "\r\n.\r\nNEXT\r\n"))),
                        Tuple.of(1, Arbitraries.just(concat(content, ".\r\n"))),
                        Tuple.of(1, Arbitraries.just(content))));
    }

    @Provide
    Arbitrary<byte[]> longRaw() {
        Arbitrary<String> line = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(0, 200).map(n -> "m".repeat(n) + "\r\n")),
                Tuple.of(2, Arbitraries.integers().between(8000, 40_000).map(n -> "l".repeat(n) + "\r\n")),
                Tuple.of(2, Arbitraries.of("..\r\n", ".dot\r\n", "a\n.\n", "\r\n", "..x\r\n")));
        return line.list().ofMaxSize(20).map(lines -> concat(String.join("", lines).getBytes(ISO_8859_1),
                ".\r\nQUIT\r\n"));
    }

    @Provide
    Arbitrary<Integer> bufferSizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(3, 12)),
                Tuple.of(1, Arbitraries.of(64, DotStuffedDataInputStream.BUFFER_SIZE)));
    }

    // ---- the model, the library and the stream under test ---------------------------------------------------------

    /** The content, how many input bytes make up the DATA with its terminating line, or an end of input before it. */
    private record Outcome(byte[] content, int consumed, boolean endOfInput) {
        static Outcome endOfInputBeforeTheEnd() {
            return new Outcome(new byte[0], -1, true);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Outcome o && Arrays.equals(content, o.content) && consumed == o.consumed
                    && endOfInput == o.endOfInput;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(content) * 31 + consumed;
        }

        @Override
        public String toString() {
            return endOfInput ? "end of input" : hex(content) + " ending at " + consumed;
        }
    }

    /**
     * A line starts the input or follows CRLF. A line "." ends the data; otherwise a line's first period is dropped.
     */
    private static Outcome model(byte[] raw) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            boolean lineStart = i == 0 || (i >= 2 && raw[i - 2] == '\r' && raw[i - 1] == '\n');
            if (lineStart && i + 3 <= raw.length && raw[i] == '.' && raw[i + 1] == '\r' && raw[i + 2] == '\n') {
                return new Outcome(content.toByteArray(), i + 3, false);
            }
            if (lineStart && i < raw.length && raw[i] == '.') {
                i++;
            }
            if (i >= raw.length) {
                return Outcome.endOfInputBeforeTheEnd();
            }
            content.write(raw[i++]);
        }
    }

    /** SubEthaSMTP 7.1.7's DATA stack, read a byte at a time, with the first line's period dropped as well. */
    private static Outcome library(byte[] raw) throws IOException {
        ByteArrayInputStream session = new ByteArrayInputStream(raw);
        InputStream data = new DotUnstuffingInputStream(new DotTerminatedInputStream(session));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try {
            int b = data.read();
            if (b == '.') {
                b = data.read();
            }
            for (; b != -1; b = data.read()) {
                content.write(b);
            }
        } catch (EOFException e) {
            return Outcome.endOfInputBeforeTheEnd();
        }
        return new Outcome(content.toByteArray(), raw.length - session.available(), false);
    }

    /** Reads in chunks of the given sizes in turn (0: one {@code read()}) up to the end, then counts what is left. */
    private static Outcome readAll(byte[] raw, InputStream session, DotStuffedDataInputStream data,
            List<Integer> reads) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try {
            for (int i = 0; ; i++) {
                int size = reads.get(i % reads.size());
                if (size == 0) {
                    int b = data.read();
                    if (b == -1) {
                        break;
                    }
                    assertTrue(b >= 0 && b <= 255);
                    content.write(b);
                } else {
                    byte[] chunk = new byte[size + 2];
                    int read = data.read(chunk, 1, size);
                    if (read == -1) {
                        break;
                    }
                    assertTrue(read >= 1 && read <= size, "read " + read + " of " + size);
                    content.write(chunk, 1, read);
                }
            }
        } catch (EOFException e) {
            return Outcome.endOfInputBeforeTheEnd();
        }
        int left = session.readAllBytes().length;
        return new Outcome(content.toByteArray(), raw.length - left, false);
    }

    /**
     * The client's bytes as they come off a socket: in packets of the given sizes in turn, never more than one packet
     * per read. Cannot be marked, like a socket's stream.
     */
    private static final class Packets extends InputStream {
        private final byte[] bytes;
        private final List<Integer> sizes;
        private final boolean showPending;
        private int position;
        private int packet;
        private int leftInPacket;

        Packets(byte[] bytes, List<Integer> sizes, boolean showPending) {
            this.bytes = bytes;
            this.sizes = sizes;
            this.showPending = showPending;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position == bytes.length) {
                return -1;
            }
            if (leftInPacket == 0) {
                leftInPacket = sizes.get(packet++ % sizes.size());
            }
            int n = Math.min(Math.min(length, leftInPacket), bytes.length - position);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            leftInPacket -= n;
            return n;
        }

        @Override
        public int available() {
            return showPending ? bytes.length - position : Math.min(leftInPacket, bytes.length - position);
        }
    }

    private static byte[] concat(byte[] head, String tail) {
        byte[] t = tail.getBytes(ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + t.length);
        System.arraycopy(t, 0, all, head.length, t.length);
        return all;
    }

    private static String hex(byte[] bytes) {
        byte[] shown = bytes.length > 200 ? Arrays.copyOf(bytes, 200) : bytes;
        return HexFormat.of().formatHex(shown) + (bytes.length > 200 ? "...(" + bytes.length + " bytes)" : "");
    }

}
