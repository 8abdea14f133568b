package dev.openmail.domain.port.out;

import dev.openmail.domain.mail.Composition;

public interface ComposeMail {

    /** The message in RFC 5322 form with CRLF line ends, ready to store and to send. */
    byte[] compose(Composition composition);
}
