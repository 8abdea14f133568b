package dev.openmail.domain.mail;

import dev.openmail.domain.access.Place;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A conversation in one inbox: the messages that reply to one another, with the inbox's read mark. */
public record MailThread(ThreadId id, AccountId accountId, PodId podId, InboxId inboxId, String subject, boolean isRead,
                         Instant lastMessageAt, Instant createdAt, int messageCount) {

    public MailThread {
        Objects.requireNonNull(id);
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(podId);
        Objects.requireNonNull(inboxId);
        Objects.requireNonNull(subject);
        lastMessageAt = Objects.requireNonNull(lastMessageAt).truncatedTo(ChronoUnit.MILLIS);
        createdAt = Objects.requireNonNull(createdAt).truncatedTo(ChronoUnit.MILLIS);
    }

    /** A thread opened by an arriving message; it has no messages until one is added. */
    public static MailThread open(Inbox inbox, String subject, Instant now) {
        return new MailThread(ThreadId.generate(), inbox.accountId(), inbox.podId(), inbox.id(),
                subject == null ? "" : subject, false, now, now, 0);
    }

    /** The thread after one more inbound message: unread, since there is something new to read. */
    public MailThread withInbound(Instant at) {
        return new MailThread(id, accountId, podId, inboxId, subject, false, later(at), createdAt, messageCount + 1);
    }

    /** The thread after a message sent from its inbox: read, since the inbox has just answered it. */
    public MailThread withOutbound(Instant at) {
        return new MailThread(id, accountId, podId, inboxId, subject, true, later(at), createdAt, messageCount + 1);
    }

    public MailThread markedRead(boolean read) {
        return new MailThread(id, accountId, podId, inboxId, subject, read, lastMessageAt, createdAt, messageCount);
    }

    /** Where the thread sits, for the access policy: in its inbox. */
    public Place place() {
        return Place.inbox(podId, inboxId);
    }

    public static NotFoundException notFound(String idText) {
        return new NotFoundException("No thread with id '" + idText + "' in this account.");
    }

    private Instant later(Instant at) {
        return at.isAfter(lastMessageAt) ? at : lastMessageAt;
    }
}
