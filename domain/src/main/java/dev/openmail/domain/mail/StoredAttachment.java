package dev.openmail.domain.mail;

import java.util.Objects;

/** An attachment with its bytes. */
public record StoredAttachment(AttachmentInfo info, byte[] content) {

    public StoredAttachment {
        Objects.requireNonNull(info);
        Objects.requireNonNull(content);
    }
}
