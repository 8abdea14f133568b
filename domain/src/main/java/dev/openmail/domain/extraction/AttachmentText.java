package dev.openmail.domain.extraction;

import java.util.Objects;

/**
 * What reading one attachment's text gave: either a method and its text (at most the configured number of
 * characters, {@code truncated} when more was there), or a failure and no text.
 */
public record AttachmentText(ExtractionMethod methodOrNull, String textOrNull, boolean truncated,
                             ExtractionFailure failureOrNull) {

    public AttachmentText {
        if ((methodOrNull == null) == (failureOrNull == null)) {
            throw new IllegalArgumentException("exactly one of method and failure");
        }
        if (methodOrNull != null) {
            Objects.requireNonNull(textOrNull, "text");
        } else if (textOrNull != null || truncated) {
            throw new IllegalArgumentException("a failure has no text");
        }
    }

    public static AttachmentText read(ExtractionMethod method, String text, boolean truncated) {
        return new AttachmentText(Objects.requireNonNull(method), text, truncated, null);
    }

    public static AttachmentText failed(ExtractionFailure failure) {
        return new AttachmentText(null, null, false, Objects.requireNonNull(failure));
    }

    /** The value of {@code extractionMethod}: the method's name, or the failure's. */
    public String extractionMethod() {
        return methodOrNull != null ? methodOrNull.wireName() : failureOrNull.wireName();
    }
}
