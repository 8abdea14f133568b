package dev.openmail.adapters.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.mail.MessageTooComplexException;
import dev.openmail.domain.mail.MimeLimits;
import dev.openmail.domain.mail.ParsedMail;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The caps on parts, header fields and attachments: a message over one is refused, found while it is read. */
class MimeLimitsParserTest {

    private final Mime4jMailParser parser = new Mime4jMailParser();

    @Test
    void messageOfHalfAMillionPartsIsRefusedQuicklyWithoutReadingItAll() {
        byte[] raw = multipart(500_000, "");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();

        MessageTooComplexException refused = assertThrows(MessageTooComplexException.class, () -> parser.parse(raw));

        long millis = (System.nanoTime() - started) / 1_000_000;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertTrue(refused.getMessage().contains("more than 1000 MIME parts"), refused.getMessage());
        assertTrue(millis < 3_000, "refused after " + millis + " ms");
        // reading all 500,000 parts would allocate far more than the message's own 7 MB; the cap stops at 1,001
        assertTrue(allocated < 64L * 1024 * 1024, "allocated " + allocated + " bytes to refuse it");
    }

    @Test
    void messageAtThePartCapIsRead() {
        ParsedMail mail = new Mime4jMailParser(new MimeLimits(20, 1_000, 100, 50)).parse(multipart(20, ""));

        assertEquals("part 1", mail.bodyText());
    }

    @Test
    void onePartOverTheCapIsRefused() {
        Mime4jMailParser small = new Mime4jMailParser(new MimeLimits(20, 1_000, 100, 50));

        assertThrows(MessageTooComplexException.class, () -> small.parse(multipart(21, "")));
    }

    @Test
    void nestedPartsCountTowardsTheCap() {
        StringBuilder nested = new StringBuilder("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
        int depth = 12;
        for (int level = 0; level < depth; level++) {
            nested.append("--b").append(level).append("\r\nContent-Type: multipart/mixed; boundary=b")
                    .append(level + 1).append("\r\n\r\n");
        }
        nested.append("--b").append(depth).append("\r\n\r\nleaf\r\n");
        for (int level = depth; level >= 0; level--) {
            nested.append("--b").append(level).append("--\r\n");
        }
        byte[] raw = nested.toString().getBytes(StandardCharsets.US_ASCII);

        assertThrows(MessageTooComplexException.class,
                () -> new Mime4jMailParser(new MimeLimits(10, 1_000, 100, 50)).parse(raw));
        assertEquals("leaf", new Mime4jMailParser(new MimeLimits(13, 1_000, 100, 50)).parse(raw).bodyText());
    }

    @Test
    void headerFloodIsRefused() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        write(raw, "From: a@example.com\r\nSubject: flood\r\n");
        for (int i = 0; i < 200_000; i++) {
            write(raw, "X-Flood: " + i + "\r\n");
        }
        write(raw, "\r\nbody\r\n");
        long started = System.nanoTime();

        MessageTooComplexException refused =
                assertThrows(MessageTooComplexException.class, () -> parser.parse(raw.toByteArray()));

        assertTrue(refused.getMessage().contains("more than 1000 header fields"), refused.getMessage());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 3_000, "a header flood must be refused quickly");
    }

    @Test
    void headerFloodInOnePartIsRefused() {
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            flood.append("X-Flood: ").append(i).append("\r\n");
        }
        byte[] raw = multipart(3, flood.toString());

        assertThrows(MessageTooComplexException.class,
                () -> new Mime4jMailParser(new MimeLimits(1_000, 25, 100, 50)).parse(raw));
        assertEquals("part 1", new Mime4jMailParser(new MimeLimits(1_000, 30, 100, 50)).parse(raw).bodyText());
    }

    @Test
    void tooManyAttachmentsAreRefused() {
        String attachment = "Content-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment; filename=a.bin\r\n";

        ParsedMail atTheCap = parser.parse(multipart(101, attachment));
        MessageTooComplexException refused =
                assertThrows(MessageTooComplexException.class, () -> parser.parse(multipart(102, attachment)));

        assertEquals(MimeLimits.DEFAULTS.maxAttachments(), atTheCap.attachments().size());
        assertTrue(refused.getMessage().contains("more than 100 attachments"), refused.getMessage());
    }

    /**
     * A multipart/mixed message of {@code parts} parts, the first a text part and every other one with
     * {@code otherPartHeader} in its header, written straight into bytes.
     */
    static byte[] multipart(int parts, String otherPartHeader) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(parts * 40 + 200);
        write(raw, "From: a@example.com\r\nTo: b@example.com\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=xx\r\n\r\n");
        for (int part = 1; part <= parts; part++) {
            write(raw, "--xx\r\n" + (part == 1 ? "Content-Type: text/plain\r\n" : otherPartHeader) + "\r\npart " + part
                    + "\r\n");
        }
        write(raw, "--xx--\r\n");
        return raw.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
