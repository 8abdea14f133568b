package dev.openmail.domain.mail;

import dev.openmail.domain.common.DomainException;

/** A message over one of the {@link MimeLimits}; nothing of it is stored. Over SMTP it is answered 552 5.3.4. */
public final class MessageTooComplexException extends DomainException {

    private MessageTooComplexException(String message) {
        super(message);
    }

    public static MessageTooComplexException tooManyParts(int max) {
        return new MessageTooComplexException("The message has more than " + max
                + " MIME parts; send its content in fewer parts.");
    }

    public static MessageTooComplexException tooManyHeaders(int max) {
        return new MessageTooComplexException("The message or one of its parts has more than " + max
                + " header fields; send it with fewer.");
    }

    public static MessageTooComplexException tooManyAttachments(int max) {
        return new MessageTooComplexException("The message has more than " + max
                + " attachments; send them in several messages.");
    }
}
