package dev.openmail.adapters.rest;

import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;

/** Ids read from a URL path: one that cannot name anything is simply not found, as an unknown one is. */
public final class PathIds {

    private PathIds() {
    }

    public static InboxId inbox(String text) {
        if (!InboxId.isWellFormed(text)) {
            throw Inbox.notFound(text);
        }
        return new InboxId(text);
    }

    public static ThreadId thread(String text) {
        if (!ThreadId.isWellFormed(text)) {
            throw MailThread.notFound(text);
        }
        return new ThreadId(text);
    }

    public static MessageId message(String text) {
        if (!MessageId.isWellFormed(text)) {
            throw Message.notFound(text);
        }
        return new MessageId(text);
    }

    public static ApiKeyId key(String text) {
        if (!ApiKeyId.isWellFormed(text)) {
            throw new NotFoundException("No key '" + text + "'; key ids start with " + ApiKeyId.PREFIX + ".");
        }
        return new ApiKeyId(text);
    }
}
