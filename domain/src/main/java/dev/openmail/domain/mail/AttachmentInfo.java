package dev.openmail.domain.mail;

import dev.openmail.domain.extraction.AttachmentText;

import java.util.Objects;

/**
 * An attachment as listings show it; its bytes are fetched on their own.
 *
 * @param textOrNull what reading its text gave; null while it has not been read (still queued, or stored before
 *                   extraction existed)
 */
public record AttachmentInfo(String filename, String contentType, long sizeBytes, AttachmentText textOrNull) {

    public AttachmentInfo {
        Objects.requireNonNull(filename);
        Objects.requireNonNull(contentType);
    }

    /** An attachment whose text has not been read. */
    public AttachmentInfo(String filename, String contentType, long sizeBytes) {
        this(filename, contentType, sizeBytes, null);
    }

    public AttachmentInfo withText(AttachmentText text) {
        return new AttachmentInfo(filename, contentType, sizeBytes, text);
    }

    /**
     * The attachment with its text cut to at most {@code level} characters (see {@link BodyBudget#cut}), marked
     * truncated when cut; unchanged when it has no text or a shorter one.
     */
    public AttachmentInfo withTextCutTo(int level) {
        if (textOrNull == null || textOrNull.textOrNull() == null || textOrNull.textOrNull().length() <= level) {
            return this;
        }
        return withText(AttachmentText.read(textOrNull.methodOrNull(), BodyBudget.cut(textOrNull.textOrNull(), level),
                true));
    }

    /** The same attachment without its text, as it was when it arrived. */
    public AttachmentInfo withoutText() {
        return textOrNull == null ? this : new AttachmentInfo(filename, contentType, sizeBytes, null);
    }
}
