package dev.openmail.adapters.extract;

import java.time.Duration;

/**
 * The bounds of text extraction: how many worker processes read files at once, each one's heap, the time one file may
 * take, the largest file read at all, the most characters kept, and whether images and scanned PDFs go through OCR
 * (Tesseract, when installed).
 */
public record ExtractionSettings(int workers, String workerHeap, Duration timeout, long maxFileBytes, int maxChars,
                                 boolean ocr) {

    public static final ExtractionSettings DEFAULTS =
            new ExtractionSettings(1, "256m", Duration.ofSeconds(30), 10L * 1024 * 1024, 50_000, true);

    public ExtractionSettings {
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("OPENMAIL_EXTRACTION_WORKERS must be from 1 to 64, not " + workers);
        }
        if (workerHeap == null || !workerHeap.matches("[1-9][0-9]{0,6}[kKmMgG]")) {
            throw new IllegalArgumentException("OPENMAIL_EXTRACTION_WORKER_HEAP must be a JVM heap size such as 256m"
                    + " or 1g, not '" + workerHeap + "'");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("OPENMAIL_EXTRACTION_TIMEOUT must be more than 0, such as 30s, not "
                    + timeout);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("OPENMAIL_EXTRACTION_MAX_FILE_BYTES must be at least 1, not "
                    + maxFileBytes);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("OPENMAIL_EXTRACTION_MAX_CHARS must be at least 1, not " + maxChars);
        }
    }

    public ExtractionSettings withTimeout(Duration newTimeout) {
        return new ExtractionSettings(workers, workerHeap, newTimeout, maxFileBytes, maxChars, ocr);
    }

    public ExtractionSettings withMaxChars(int newMaxChars) {
        return new ExtractionSettings(workers, workerHeap, timeout, maxFileBytes, newMaxChars, ocr);
    }

    public ExtractionSettings withOcr(boolean newOcr) {
        return new ExtractionSettings(workers, workerHeap, timeout, maxFileBytes, maxChars, newOcr);
    }

    public ExtractionSettings withMaxFileBytes(long newMaxFileBytes) {
        return new ExtractionSettings(workers, workerHeap, timeout, newMaxFileBytes, maxChars, ocr);
    }
}
