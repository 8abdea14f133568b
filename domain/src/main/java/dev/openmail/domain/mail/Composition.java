package dev.openmail.domain.mail;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything an outgoing message is written from: envelope-independent headers, bodies and attachments. The composer
 * encodes non-ASCII headers and bodies; it adds nothing else.
 *
 * @param fromDisplayName may be null
 * @param replyTo         may be null
 * @param bodyHtml        may be null for a text-only message
 * @param inReplyTo       Message-ID (without brackets) this replies to, or null
 * @param listUnsubscribeUrlOrNull the one-click unsubscribe link of bulk mail (List-Unsubscribe and
 *                        List-Unsubscribe-Post, RFC 8058), or null
 */
public record Composition(String fromAddress, String fromDisplayName, List<String> to, List<String> cc, String replyTo,
                          String subject, String bodyText, String bodyHtml, String rfcMessageId, String inReplyTo,
                          List<String> references, Instant date, List<ParsedAttachment> attachments,
                          String listUnsubscribeUrlOrNull) {

    public Composition {
        Objects.requireNonNull(fromAddress);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(bodyText);
        Objects.requireNonNull(rfcMessageId);
        references = List.copyOf(references);
        Objects.requireNonNull(date);
        attachments = List.copyOf(attachments);
        if (listUnsubscribeUrlOrNull != null && !listUnsubscribeUrlOrNull.startsWith("https://")
                && !listUnsubscribeUrlOrNull.startsWith("http://")) {
            throw new IllegalArgumentException("an unsubscribe link is an http(s) URL: " + listUnsubscribeUrlOrNull);
        }
    }

    /** A message without an unsubscribe link. */
    public Composition(String fromAddress, String fromDisplayName, List<String> to, List<String> cc, String replyTo,
                       String subject, String bodyText, String bodyHtml, String rfcMessageId, String inReplyTo,
                       List<String> references, Instant date, List<ParsedAttachment> attachments) {
        this(fromAddress, fromDisplayName, to, cc, replyTo, subject, bodyText, bodyHtml, rfcMessageId, inReplyTo,
                references, date, attachments, null);
    }
}
