package dev.openmail.domain.extraction;

import dev.openmail.domain.common.DomainException;

/** The attachment's text could not be read; its {@code extractionMethod} names why. */
public final class ExtractionFailedException extends DomainException {

    private final ExtractionFailure failure;

    public ExtractionFailedException(String filename, ExtractionFailure failure) {
        super("No text could be read from '" + filename + "': " + failure.wireName() + " (" + explained(failure)
                + "). Download the file itself to read it.");
        this.failure = failure;
    }

    public ExtractionFailure failure() {
        return failure;
    }

    private static String explained(ExtractionFailure failure) {
        return switch (failure) {
            case UNSUPPORTED -> "no reader for this type of file";
            case SKIPPED_TOO_LARGE -> "larger than the extraction size limit";
            case ENCRYPTED -> "encrypted or password-protected";
            case OCR_UNAVAILABLE -> "an image needing OCR, which this server does not run";
            case TIMEOUT -> "reading it took longer than the time limit";
            case TOO_COMPLEX -> "it expands beyond what may be read";
            case PDF_ERROR -> "a damaged or unreadable PDF";
            case EXTRACTION_ERROR -> "damaged, truncated, or not what its type says";
        };
    }
}
