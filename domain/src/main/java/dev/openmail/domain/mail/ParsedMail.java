package dev.openmail.domain.mail;

import java.util.List;
import java.util.Objects;

/**
 * What a message says about itself, decoded: header addresses in lower case without display names, the subject with
 * encoded words decoded, the bodies decoded from their transfer encodings and charsets, and the attachments. Message
 * ids are kept without their angle brackets. Any part may be missing (null or empty); the raw message is always kept
 * beside this.
 */
public record ParsedMail(String from, List<String> to, List<String> cc, String subject, String rfcMessageId,
                         String inReplyTo, List<String> references, String bodyText, String bodyHtml,
                         List<ParsedAttachment> attachments) {

    public ParsedMail {
        to = List.copyOf(Objects.requireNonNull(to));
        cc = List.copyOf(Objects.requireNonNull(cc));
        references = List.copyOf(Objects.requireNonNull(references));
        attachments = List.copyOf(Objects.requireNonNull(attachments));
    }
}
