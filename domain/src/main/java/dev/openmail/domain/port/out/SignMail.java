package dev.openmail.domain.port.out;

import dev.openmail.domain.mail.DkimSigning;

public interface SignMail {

    /** The message with a DKIM-Signature header added in front, signed as {@code signing} says. */
    byte[] sign(byte[] raw, DkimSigning signing);
}
