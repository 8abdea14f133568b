package dev.openmail.adapters.extract;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionFailure;
import dev.openmail.domain.extraction.ExtractionMethod;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the server and a worker process say to each other over the worker's stdin and stdout, each item
 * length-prefixed (a 4-byte big-endian length, -1 for null, then the bytes).
 * <ul>
 *   <li>Worker, once started and ready: the byte {@link #READY}.</li>
 *   <li>Request: filename (UTF-8), declared content type (UTF-8), content (bytes).</li>
 *   <li>Answer: kind ({@code 'M'} a method, {@code 'F'} a failure), the wire name, truncated (one byte), text
 *       (UTF-8; null with a failure).</li>
 * </ul>
 * Lengths are checked against bounds before anything is allocated.
 */
final class WorkerProtocol {

    static final int READY = 'R';
    private static final int MAX_NAME_BYTES = 64 * 1024;

    private WorkerProtocol() {
    }

    record Request(String filename, String contentType, byte[] content) {
    }

    static void writeRequest(DataOutputStream out, String filename, String contentType, byte[] content)
            throws IOException {
        writeBytes(out, filename == null ? null : filename.getBytes(StandardCharsets.UTF_8));
        writeBytes(out, contentType == null ? null : contentType.getBytes(StandardCharsets.UTF_8));
        writeBytes(out, content);
        out.flush();
    }

    /** Null at the end of the input (the server went away). */
    static Request readRequest(DataInputStream in, long maxContentBytes) throws IOException {
        int first;
        try {
            first = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        String filename = string(readBytes(in, first, MAX_NAME_BYTES));
        String contentType = string(readBytes(in, in.readInt(), MAX_NAME_BYTES));
        byte[] content = readBytes(in, in.readInt(), maxContentBytes);
        if (content == null) {
            throw new IOException("a request without content");
        }
        return new Request(filename, contentType, content);
    }

    static void writeAnswer(DataOutputStream out, AttachmentText answer) throws IOException {
        if (answer.methodOrNull() != null) {
            out.writeByte('M');
            writeBytes(out, answer.methodOrNull().name().getBytes(StandardCharsets.UTF_8));
        } else {
            out.writeByte('F');
            writeBytes(out, answer.failureOrNull().name().getBytes(StandardCharsets.UTF_8));
        }
        out.writeByte(answer.truncated() ? 1 : 0);
        writeBytes(out, answer.textOrNull() == null ? null : answer.textOrNull().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static AttachmentText readAnswer(DataInputStream in, int maxChars) throws IOException {
        int kind = in.readUnsignedByte();
        String name = string(readBytes(in, in.readInt(), MAX_NAME_BYTES));
        boolean truncated = in.readUnsignedByte() != 0;
        // a UTF-8 character takes at most 4 bytes, and a supplementary one counts as two chars
        String text = string(readBytes(in, in.readInt(), 4L * maxChars + 16));
        try {
            if (kind == 'M') {
                return AttachmentText.read(ExtractionMethod.valueOf(name), text, truncated);
            }
            if (kind == 'F') {
                return AttachmentText.failed(ExtractionFailure.valueOf(name));
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("a malformed answer from the extraction worker: " + e.getMessage(), e);
        }
        throw new IOException("a malformed answer from the extraction worker: kind " + kind);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in, int length, long max) throws IOException {
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > max) {
            throw new IOException("a length of " + length + " bytes where at most " + max + " may come");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static String string(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
