package dev.openmail.adapters.smtpin;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The content of a DATA command read off the session's input in blocks: it ends at the line holding a lone period
 * (CRLF "." CRLF, or "." CRLF as the very first line), and the first period of every line that starts with one is
 * deleted (RFC 5321 section 4.5.2), the first line's too.
 *
 * <p>It replaces SubEthaSMTP 7.1.7's DotTerminatedInputStream and DotUnstuffingInputStream, which read one byte at a
 * time through the session's synchronized BufferedInputStream, and reads the same bytes: a line ends only at CRLF, so
 * a period after a bare CR or LF is kept and "\n.\n", "\r\n.\n" or "\n.\r\n" do not end the content. An end of the
 * input before the lone period is an {@link EOFException}, as with the library.
 *
 * <p>The session reads its next command from the same input, so not a byte after the terminating CRLF may be taken
 * from it. Each block is read after {@link InputStream#mark marking} the input; the bytes read past the terminator are
 * given back with {@link InputStream#reset reset} (SubEthaSMTP's session input is a BufferedInputStream). An input that
 * cannot be marked is read one byte at a time. {@link #close} leaves the input open.
 */
final class DotStuffedDataInputStream extends InputStream {

    /** The size of SubEthaSMTP's session buffer: a mark of up to this many bytes never makes it grow. */
    static final int BUFFER_SIZE = 8192;
    private static final String PREMATURE_END = "Pre-mature end of <CRLF>.<CRLF> terminated data";

    private final InputStream in;
    private final boolean markable;
    private final byte[] buffer;
    /** Raw bytes not yet looked at are buffer[position, limit). */
    private int position;
    private int limit;
    /** Where the bytes of the last read from {@link #in} start in the buffer: what the mark on {@link #in} holds. */
    private int lastReadStart;
    /** At the start of a line: the start of the content or right after a CRLF. */
    private boolean lineStart = true;
    /** The last raw byte passed on was a CR (only meaningful inside a line). */
    private boolean afterCr;
    private boolean ended;
    private final byte[] single = new byte[1];

    DotStuffedDataInputStream(InputStream in) {
        this(in, BUFFER_SIZE);
    }

    /** With a buffer of {@code bufferSize} bytes, at least 3 (a lone-period line must fit). */
    DotStuffedDataInputStream(InputStream in, int bufferSize) {
        if (bufferSize < 3) {
            throw new IllegalArgumentException("buffer of " + bufferSize + " bytes");
        }
        this.in = Objects.requireNonNull(in, "in");
        this.markable = in.markSupported();
        this.buffer = new byte[bufferSize];
    }

    @Override
    public int read() throws IOException {
        int read = read(single, 0, 1);
        return read == -1 ? -1 : single[0] & 0xff;
    }

    /**
     * Reads at least one byte of content, blocking for it if need be, and then no more than what is at hand: it does
     * not block a second time in one call. Returns -1 once the terminating line was read.
     */
    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        if (ended) {
            return -1;
        }
        int count = 0;
        while (count < length) {
            if (lineStart) {
                int available = limit - position;
                LineStart start = available == 0 ? LineStart.UNDECIDED : lineStart(available);
                if (start == LineStart.UNDECIDED) {
                    if (count > 0) {
                        return count;
                    }
                    fill();
                    continue;
                }
                if (start == LineStart.TERMINATOR) {
                    position += 3;
                    end();
                    return count > 0 ? count : -1;
                }
                if (start == LineStart.STUFFED) {
                    position++; // the period is dropped; what follows it is the line's first byte of content
                }
                lineStart = false;
                afterCr = false;
            }
            if (position == limit) {
                if (count > 0) {
                    return count;
                }
                fill();
                continue;
            }
            // pass bytes on up to and with the next CRLF, which starts a line
            int stop = Math.min(limit, position + (length - count));
            int i = position;
            while (i < stop) {
                if (buffer[i++] == '\n' && (i - 2 >= position ? buffer[i - 2] == '\r' : afterCr)) {
                    lineStart = true;
                    break;
                }
            }
            afterCr = !lineStart && buffer[i - 1] == '\r';
            int run = i - position;
            System.arraycopy(buffer, position, target, offset + count, run);
            count += run;
            position = i;
        }
        return count;
    }

    private enum LineStart { UNDECIDED, TERMINATOR, STUFFED, PLAIN }

    /** What the {@code available} (at least 1) bytes at the position say about the line they start. */
    private LineStart lineStart(int available) {
        if (buffer[position] != '.') {
            return LineStart.PLAIN;
        }
        if (available < 2) {
            return LineStart.UNDECIDED;
        }
        if (buffer[position + 1] != '\r') {
            return LineStart.STUFFED;
        }
        if (available < 3) {
            return LineStart.UNDECIDED;
        }
        return buffer[position + 2] == '\n' ? LineStart.TERMINATOR : LineStart.STUFFED;
    }

    /** Reads more from the input after the bytes not yet looked at, which move to the front of the buffer. */
    private void fill() throws IOException {
        int kept = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, kept);
            position = 0;
            limit = kept;
        }
        int wanted = markable ? buffer.length - limit : 1;
        if (markable) {
            in.mark(wanted);
        }
        int read = in.read(buffer, limit, wanted);
        if (read < 0) {
            throw new EOFException(PREMATURE_END);
        }
        lastReadStart = limit;
        limit += read;
    }

    /** After the terminator: gives back to the input whatever was read beyond it. */
    private void end() throws IOException {
        ended = true;
        int beyond = limit - position;
        if (beyond > 0) {
            if (!markable || position < lastReadStart) {
                throw new IllegalStateException("read " + beyond + " bytes past the end of the data");
            }
            in.reset();
            int skip = position - lastReadStart;
            // read again, into the same place, the bytes of the last read up to the end of the terminator
            for (int done = 0; done < skip; ) {
                int read = in.read(buffer, lastReadStart + done, skip - done);
                if (read < 0) {
                    throw new EOFException(PREMATURE_END);
                }
                done += read;
            }
            limit = position;
        }
    }

    /** Leaves the session's input open: the session goes on reading commands from it. */
    @Override
    public void close() {
        // nothing of our own to release
    }
}
