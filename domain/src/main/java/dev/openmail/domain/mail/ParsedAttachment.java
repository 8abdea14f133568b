package dev.openmail.domain.mail;

import java.util.Objects;

/** One attachment as the MIME parser found it: its file name, declared type, and decoded bytes. */
public record ParsedAttachment(String filename, String contentType, byte[] content) {

    public ParsedAttachment {
        Objects.requireNonNull(filename);
        Objects.requireNonNull(contentType);
        Objects.requireNonNull(content);
    }

    /** The attachment as listings show it: its name, its type, and the number of its decoded bytes. */
    public AttachmentInfo info() {
        return new AttachmentInfo(filename, contentType, content.length);
    }
}
