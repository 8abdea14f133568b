package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.mail.MessageId;

/**
 * The text of a message's attachment (the first with exactly this file name), read on demand and stored with the
 * message when it was not read yet. Throws {@code ExtractionFailedException} when no text could be read and
 * {@code ExtractionBusyException} when no extraction slot became free in time.
 */
public interface GetAttachmentText {

    Result get(Caller caller, MessageId messageId, String filename);

    /** {@code text} is never a failure. */
    record Result(String filename, String contentType, AttachmentText text) {
    }
}
