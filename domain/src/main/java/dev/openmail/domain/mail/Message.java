package dev.openmail.domain.mail;

import dev.openmail.domain.access.Place;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One message in one inbox. A message delivered to several inboxes of this installation is a separate message in each.
 * Its raw form and attachment bytes are stored beside it and read on their own.
 *
 * @param headerTo     inbound only: the To header's addresses, comma-separated; null when there were none
 * @param deliveryRole inbound only: whether the inbox was named in To or in Cc; null for a blind copy or outbound
 * @param rfcMessageId the Message-ID header without angle brackets, which replies refer to; may be null
 * @param authentication inbound over SMTP only: what SPF, DKIM and DMARC said of the sender; null otherwise
 * @param spam         inbound over SMTP with a spam scanner configured only: its verdict; null otherwise
 */
public record Message(MessageId id, AccountId accountId, PodId podId, InboxId inboxId, ThreadId threadId,
                      Direction direction, MessageStatus status, String fromAddr, String toAddr, String headerTo,
                      DeliveryRole deliveryRole, List<String> cc, String subject, String bodyText, String bodyHtml,
                      List<AttachmentInfo> attachments, String rfcMessageId, String inReplyTo, List<String> references,
                      Instant createdAt, Authentication authentication, SpamVerdict spam) {

    /** A message with authentication verdicts and no spam verdict. */
    public Message(MessageId id, AccountId accountId, PodId podId, InboxId inboxId, ThreadId threadId,
                   Direction direction, MessageStatus status, String fromAddr, String toAddr, String headerTo,
                   DeliveryRole deliveryRole, List<String> cc, String subject, String bodyText, String bodyHtml,
                   List<AttachmentInfo> attachments, String rfcMessageId, String inReplyTo, List<String> references,
                   Instant createdAt, Authentication authentication) {
        this(id, accountId, podId, inboxId, threadId, direction, status, fromAddr, toAddr, headerTo, deliveryRole, cc,
                subject, bodyText, bodyHtml, attachments, rfcMessageId, inReplyTo, references, createdAt,
                authentication, null);
    }

    /** A message without authentication verdicts (sent mail, or mail received before they were checked). */
    public Message(MessageId id, AccountId accountId, PodId podId, InboxId inboxId, ThreadId threadId,
                   Direction direction, MessageStatus status, String fromAddr, String toAddr, String headerTo,
                   DeliveryRole deliveryRole, List<String> cc, String subject, String bodyText, String bodyHtml,
                   List<AttachmentInfo> attachments, String rfcMessageId, String inReplyTo, List<String> references,
                   Instant createdAt) {
        this(id, accountId, podId, inboxId, threadId, direction, status, fromAddr, toAddr, headerTo, deliveryRole, cc,
                subject, bodyText, bodyHtml, attachments, rfcMessageId, inReplyTo, references, createdAt, null, null);
    }

    public Message {
        Objects.requireNonNull(id);
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(podId);
        Objects.requireNonNull(inboxId);
        Objects.requireNonNull(threadId);
        Objects.requireNonNull(direction);
        Objects.requireNonNull(status);
        cc = List.copyOf(Objects.requireNonNull(cc));
        attachments = List.copyOf(Objects.requireNonNull(attachments));
        references = List.copyOf(Objects.requireNonNull(references));
        createdAt = Objects.requireNonNull(createdAt).truncatedTo(ChronoUnit.MILLIS);
    }

    /** A message that arrived for {@code inbox}, filed in {@code thread}. */
    public static Message inbound(Inbox inbox, ThreadId thread, ParsedMail mail, String envelopeSender, Instant now) {
        return inbound(inbox, thread, mail, envelopeSender, now, null, null);
    }

    /**
     * A received message with what checking its sender found ({@code authentication}, null when not checked) and what
     * the spam scanner said ({@code spam}, null when there is none).
     */
    public static Message inbound(Inbox inbox, ThreadId thread, ParsedMail mail, String envelopeSender, Instant now,
                                  Authentication authentication, SpamVerdict spam) {
        String to = String.join(", ", mail.to());
        String address = inbox.address().value();
        DeliveryRole role = mail.to().contains(address) ? DeliveryRole.TO
                : mail.cc().contains(address) ? DeliveryRole.CC : null;
        String from = mail.from() != null ? mail.from() : envelopeSender;
        List<AttachmentInfo> attachments = mail.attachments().stream().map(ParsedAttachment::info).toList();
        return new Message(MessageId.generate(), inbox.accountId(), inbox.podId(), inbox.id(), thread, Direction.INBOUND,
                MessageStatus.RECEIVED, from == null ? "" : from, address, to.isEmpty() ? null : to, role, mail.cc(),
                mail.subject() == null ? "" : mail.subject(), mail.bodyText(), mail.bodyHtml(), attachments,
                mail.rfcMessageId(), mail.inReplyTo(), mail.references(), now, authentication, spam);
    }

    /** A message sent from {@code inbox}, filed in its thread there. */
    public static Message outbound(MessageId id, Inbox inbox, ThreadId thread, Composition sent, MessageStatus status) {
        List<AttachmentInfo> attachments = sent.attachments().stream().map(ParsedAttachment::info).toList();
        return new Message(id, inbox.accountId(), inbox.podId(), inbox.id(), thread,
                Direction.OUTBOUND, status, sent.fromAddress(), sent.to().get(0), null, null, sent.cc(), sent.subject(),
                sent.bodyText(), sent.bodyHtml(), attachments, sent.rfcMessageId(), sent.inReplyTo(), sent.references(),
                sent.date());
    }

    /** This message with {@code attachments} in place of its own (the same files, their texts read since). */
    public Message withAttachments(List<AttachmentInfo> attachments) {
        return new Message(id, accountId, podId, inboxId, threadId, direction, status, fromAddr, toAddr, headerTo,
                deliveryRole, cc, subject, bodyText, bodyHtml, attachments, rfcMessageId, inReplyTo, references,
                createdAt, authentication, spam);
    }

    /**
     * Refuses attachment parts that are not, one for one and in order, the attachments this message lists. A message
     * is stored with its parts' bytes under the names, types and sizes it lists, so parts that differ would make a
     * listing promise what a download does not give.
     *
     * @throws IllegalArgumentException when a part is missing or extra, or differs in name, type or size
     */
    public void requireListedAttachments(List<ParsedAttachment> parts) {
        if (attachments.size() != parts.size()) {
            throw new IllegalArgumentException("message " + id + " lists " + attachments.size()
                    + " attachments but " + parts.size() + " were given");
        }
        for (int i = 0; i < attachments.size(); i++) {
            AttachmentInfo info = attachments.get(i);
            if (!info.withoutText().equals(parts.get(i).info().withoutText())) {
                throw new IllegalArgumentException("attachment " + i + " of message " + id
                        + " is not the one the message lists: " + info);
            }
        }
    }

    /** Where the message sits, for the access policy: in its inbox. */
    public Place place() {
        return Place.inbox(podId, inboxId);
    }

    public static NotFoundException notFound(String idText) {
        return new NotFoundException("No message with id '" + idText + "' in this account.");
    }
}
