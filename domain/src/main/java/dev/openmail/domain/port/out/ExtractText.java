package dev.openmail.domain.port.out;

import dev.openmail.domain.extraction.AttachmentText;

import java.util.Objects;

/**
 * Reads the text of one attachment. Never throws for what the file contains: a hostile, damaged, encrypted or
 * unsupported file gives a failure. Bounded in time and memory per file (the implementation's settings), so a caller
 * may wait for it; it is still slow work, never to be done inside a transaction or on an SMTP or HTTP event loop.
 *
 * @param contentType the declared MIME type (may be wrong or null); {@code filename} may be null
 */
public interface ExtractText {

    AttachmentText extract(Request request);

    record Request(String filename, String contentType, byte[] content) {
        public Request {
            Objects.requireNonNull(content);
        }
    }
}
