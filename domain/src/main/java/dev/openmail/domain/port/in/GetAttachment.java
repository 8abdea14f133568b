package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.StoredAttachment;

public interface GetAttachment {

    StoredAttachment get(Caller caller, MessageId messageId, String filename);
}
