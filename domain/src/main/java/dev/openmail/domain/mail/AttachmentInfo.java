package dev.openmail.domain.mail;

import java.util.Objects;

/** An attachment as listings show it; its bytes are fetched on their own. */
public record AttachmentInfo(String filename, String contentType, long sizeBytes) {

    public AttachmentInfo {
        Objects.requireNonNull(filename);
        Objects.requireNonNull(contentType);
    }
}
