package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.mail.MessageId;

public interface GetRawMessage {

    /** The message exactly as received or sent (RFC 5322). */
    byte[] get(Caller caller, MessageId messageId);
}
