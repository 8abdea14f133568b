package dev.openmail.domain.port.out;

import dev.openmail.domain.mail.ParsedMail;

public interface ParseMail {

    /**
     * Reads a message in RFC 5322 form. Never refuses a message for what it contains: whatever cannot be decoded is
     * left out or kept as text, since the raw message is stored anyway. The one exception is its size in structure:
     * a message over the installation's {@link dev.openmail.domain.mail.MimeLimits} (parts, header fields,
     * attachments) is refused with {@link dev.openmail.domain.mail.MessageTooComplexException}, found while reading.
     */
    ParsedMail parse(byte[] raw);
}
