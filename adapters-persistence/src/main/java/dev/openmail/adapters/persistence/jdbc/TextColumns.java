package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionFailure;
import dev.openmail.domain.extraction.ExtractionMethod;

/**
 * An attachment's text in its three columns (V15): {@code extraction_method} (a method's or a failure's wire name,
 * NULL while not read), {@code parsed_text} and {@code parsed_text_truncated}.
 */
final class TextColumns {

    private TextColumns() {
    }

    /** The text the columns hold; null while not read, and for a word this version does not know. */
    static AttachmentText text(String extractionMethod, String parsedText, boolean truncated) {
        if (extractionMethod == null) {
            return null;
        }
        for (ExtractionMethod method : ExtractionMethod.values()) {
            if (method.wireName().equals(extractionMethod)) {
                return AttachmentText.read(method, parsedText == null ? "" : parsedText, truncated);
            }
        }
        for (ExtractionFailure failure : ExtractionFailure.values()) {
            if (failure.wireName().equals(extractionMethod)) {
                return AttachmentText.failed(failure);
            }
        }
        return null;
    }
}
