package dev.openmail.domain.extraction;

/**
 * Why an attachment has no text. Its wire name stands in {@code extractionMethod} where a method would, as the
 * attachments page says ("parsedText is omitted and extractionMethod indicates the reason").
 */
public enum ExtractionFailure {
    /** A type no parser reads (audio, video, unknown binary). */
    UNSUPPORTED("unsupported"),
    /** Larger than the extraction size limit; not read at all. */
    SKIPPED_TOO_LARGE("skipped_too_large"),
    /** Encrypted or password-protected. */
    ENCRYPTED("encrypted"),
    /** An image or scanned PDF while OCR (Tesseract) is not installed or not enabled. */
    OCR_UNAVAILABLE("ocr_unavailable"),
    /** The parser ran past its time limit and was stopped. */
    TIMEOUT("timeout"),
    /** The parser ran out of its memory bound, or the file expands beyond what may be read (zip bomb, nesting). */
    TOO_COMPLEX("too_complex"),
    /** A PDF that could not be read (damaged, truncated, looping objects). */
    PDF_ERROR("pdf_error"),
    /** Any other file that could not be read (damaged, truncated, not what its type says). */
    EXTRACTION_ERROR("extraction_error");

    private final String wireName;

    ExtractionFailure(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
