package dev.openmail.adapters.smtpin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;

/**
 * The content of one DATA or BDAT as it is read: in memory, in blocks taken from the listener's memory budget, up to
 * the spool threshold; the rest in a spool file. {@link #close()} gives the memory and disk back and deletes the file,
 * whatever became of the message.
 */
final class IncomingMessage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingMessage.class);
    static final int BLOCK = 64 * 1024;

    private final InFlightMessages inFlight;
    private final String sessionId;
    private final List<byte[]> blocks = new ArrayList<>();
    private int inMemory;
    private Path spoolFile;
    private FileChannel spool;
    private long spooled;
    private long diskReserved;

    private IncomingMessage(InFlightMessages inFlight, String sessionId) {
        this.inFlight = inFlight;
        this.sessionId = sessionId;
    }

    /**
     * Reads the whole message, at most {@code maxMessageBytes} of it kept. A longer message is read on to its end
     * without keeping it, so that the client is in step for its next command, and is then refused with 552; one that
     * finds no room on the spool's disk likewise, with 452 4.3.1. A client that goes on sending much beyond the limit
     * is disconnected instead.
     */
    static IncomingMessage read(InputStream data, InFlightMessages inFlight, int maxMessageBytes, String sessionId)
            throws IOException, RejectException {
        IncomingMessage message = new IncomingMessage(inFlight, sessionId);
        boolean read = false;
        try {
            message.readFrom(data, maxMessageBytes);
            read = true;
            return message;
        } finally {
            if (!read) {
                message.close();
            }
        }
    }

    private void readFrom(InputStream data, int maxMessageBytes) throws IOException, RejectException {
        byte[] chunk = new byte[BLOCK];
        long total = 0;
        long discardLimit = 2L * maxMessageBytes + BLOCK;
        boolean noRoom = false;
        int read;
        while ((read = data.read(chunk, 0, chunk.length)) != -1) {
            total += read;
            if (total > discardLimit) {
                LOG.info("SMTP session {}: message over {} bytes, dropping the connection", sessionId, discardLimit);
                throw new DropConnectionException(552, "5.3.4 Message size exceeds fixed limit");
            }
            if (total > maxMessageBytes || noRoom) {
                discard();
            } else if (!keep(chunk, read)) {
                noRoom = true;
                discard();
            }
        }
        if (total > maxMessageBytes) {
            LOG.info("SMTP session {}: refused a message of {} bytes, the limit is {}", sessionId, total,
                    maxMessageBytes);
            throw new RejectException(552, "5.3.4 Message size exceeds fixed limit");
        }
        if (noRoom) {
            LOG.warn("SMTP session {}: no room left for a message of {} bytes in the spool directory {} (at most {}"
                    + " bytes), answering 452", sessionId, total, inFlight.settings().spoolDirectory(),
                    inFlight.settings().spoolMaxBytes());
            throw new RejectException(452, "4.3.1 Insufficient system storage, please try again later");
        }
    }

    /** Keeps {@code length} bytes of {@code chunk}; false when neither memory nor disk has room for them. */
    private boolean keep(byte[] chunk, int length) {
        int offset = 0;
        while (offset < length) {
            if (spool == null) {
                int room = blocks.size() * BLOCK - inMemory;
                if (room > 0) {
                    int n = Math.min(room, length - offset);
                    System.arraycopy(chunk, offset, blocks.get(blocks.size() - 1), inMemory % BLOCK, n);
                    inMemory += n;
                    offset += n;
                    continue;
                }
                if ((long) (blocks.size() + 1) * BLOCK <= inFlight.settings().spoolThresholdBytes()
                        && inFlight.reserveMemory(BLOCK)) {
                    blocks.add(new byte[BLOCK]);
                    continue;
                }
                if (!openSpool()) {
                    return false;
                }
            }
            return write(chunk, offset, length - offset);
        }
        return true;
    }

    private boolean openSpool() {
        try {
            spoolFile = inFlight.newSpoolFile();
            spool = FileChannel.open(spoolFile, StandardOpenOption.WRITE, StandardOpenOption.READ);
            return true;
        } catch (IOException e) {
            LOG.warn("SMTP session {}: cannot create a spool file in {}", sessionId,
                    inFlight.settings().spoolDirectory(), e);
            return false;
        }
    }

    private boolean write(byte[] chunk, int offset, int length) {
        if (!inFlight.reserveDisk(length)) {
            return false;
        }
        diskReserved += length;
        try {
            ByteBuffer buffer = ByteBuffer.wrap(chunk, offset, length);
            while (buffer.hasRemaining()) {
                spool.write(buffer);
            }
            spooled += length;
            return true;
        } catch (IOException e) {
            LOG.warn("SMTP session {}: cannot write to the spool file {}", sessionId, spoolFile, e);
            return false;
        }
    }

    /** Drops what was kept: a message that will be refused need not be. */
    private void discard() {
        if (!blocks.isEmpty() || spoolFile != null) {
            close();
        }
    }

    /** The message's size in bytes. */
    long size() {
        return inMemory + spooled;
    }

    /** Whether part of the message went to a spool file. */
    boolean spooled() {
        return spooled > 0;
    }

    /** The whole message in one array: the memory part, then the spool file's content. */
    byte[] bytes() throws IOException {
        long total = (long) inMemory + spooled;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IOException("message of " + total + " bytes is too large for one array");
        }
        byte[] whole = new byte[(int) total];
        int at = 0;
        for (byte[] block : blocks) {
            int n = Math.min(BLOCK, inMemory - at);
            System.arraycopy(block, 0, whole, at, n);
            at += n;
        }
        if (spool != null) {
            ByteBuffer buffer = ByteBuffer.wrap(whole, at, (int) spooled);
            long position = 0;
            while (buffer.hasRemaining()) {
                int read = spool.read(buffer, position);
                if (read < 0) {
                    throw new IOException("spool file " + spoolFile + " ended early");
                }
                position += read;
            }
        }
        return whole;
    }

    /** Gives back the memory and disk and deletes the spool file; safe to call again. */
    @Override
    public void close() {
        inFlight.releaseMemory((long) blocks.size() * BLOCK);
        blocks.clear();
        inMemory = 0;
        if (spool != null) {
            try {
                spool.close();
            } catch (IOException e) {
                LOG.warn("SMTP session {}: closing the spool file {} failed", sessionId, spoolFile, e);
            }
            spool = null;
        }
        if (spoolFile != null) {
            try {
                Files.deleteIfExists(spoolFile);
            } catch (IOException e) {
                LOG.warn("SMTP session {}: deleting the spool file {} failed", sessionId, spoolFile, e);
            }
            spoolFile = null;
        }
        inFlight.releaseDisk(diskReserved);
        diskReserved = 0;
        spooled = 0;
    }
}
