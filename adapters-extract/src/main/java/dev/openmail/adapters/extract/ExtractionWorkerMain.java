package dev.openmail.adapters.extract;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionFailure;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The main class of an extraction worker process, started by {@link TikaProcessExtractor}: reads requests on stdin,
 * answers on stdout (see {@link WorkerProtocol}), one at a time, until stdin ends. Stdout carries only the protocol:
 * {@code System.out} is pointed at stderr before anything else runs, so whatever Tika, PDFBox, POI or a logging
 * backend prints goes there (and the server discards it).
 *
 * <p>Arguments: the most characters of text, the largest file in bytes, {@code ocr} or {@code no-ocr}, and the
 * seconds one Tesseract run may take. With the
 * system property {@value #TEST_HOOKS} set to true (tests only), a request declared as {@value #HANG_TYPE} never
 * ends, and one declared as {@value #EXIT_TYPE} ends the process as an OutOfMemoryError would.
 */
public final class ExtractionWorkerMain {

    static final String TEST_HOOKS = "openmail.extraction.test-hooks";
    static final String HANG_TYPE = "application/x-openmail-test-hang";
    static final String EXIT_TYPE = "application/x-openmail-test-exit";

    private ExtractionWorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        int maxChars = Integer.parseInt(args[0]);
        long maxFileBytes = Long.parseLong(args[1]);
        boolean ocr = "ocr".equals(args[2]);
        int ocrTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(args[3]));
        boolean testHooks = Boolean.getBoolean(TEST_HOOKS);

        TikaTextReader reader = new TikaTextReader(maxChars, ocr, ocrTimeoutSeconds);
        out.writeByte(WorkerProtocol.READY);
        out.writeByte(reader.ocrAvailable() ? 1 : 0);
        out.flush();
        while (true) {
            WorkerProtocol.Request request = WorkerProtocol.readRequest(in, maxFileBytes);
            if (request == null) {
                return;
            }
            if (testHooks && HANG_TYPE.equals(request.contentType())) {
                hang();
            }
            if (testHooks && EXIT_TYPE.equals(request.contentType())) {
                Runtime.getRuntime().halt(3);
            }
            AttachmentText answer;
            try {
                answer = reader.read(request.filename(), request.contentType(), request.content());
            } catch (StackOverflowError e) {
                answer = AttachmentText.failed(ExtractionFailure.TOO_COMPLEX);
            } catch (RuntimeException | LinkageError e) {
                answer = AttachmentText.failed(ExtractionFailure.EXTRACTION_ERROR);
            }
            WorkerProtocol.writeAnswer(out, answer);
        }
    }

    @SuppressWarnings("InfiniteLoopStatement")
    private static void hang() {
        Object lock = new Object();
        synchronized (lock) {
            while (true) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
