package dev.openmail.domain.port.out;

import dev.openmail.domain.mail.ParsedMail;

public interface ParseMail {

    /**
     * Reads a message in RFC 5322 form. Never refuses a message for what it contains: whatever cannot be decoded is
     * left out or kept as text, since the raw message is stored anyway.
     */
    ParsedMail parse(byte[] raw);
}
