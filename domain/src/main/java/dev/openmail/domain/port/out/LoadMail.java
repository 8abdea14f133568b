package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.StoredAttachment;
import dev.openmail.domain.mail.ThreadId;

import java.util.Optional;

public interface LoadMail {

    Optional<MailThread> findThread(AccountId accountId, ThreadId id);

    /** Like {@link #findThread}, and holds the thread until the transaction ends, so that updates queue up. */
    Optional<MailThread> findThreadForUpdate(AccountId accountId, ThreadId id);

    /** The thread of the inbox's message with this Message-ID (without angle brackets), if the inbox has one. */
    Optional<ThreadId> threadOfMessageId(AccountId accountId, InboxId inboxId, String rfcMessageId);

    /**
     * The inbox's messages, newest first (id as tie-break), only one direction's when given, with every body cut to
     * the budget's {@link BodyBudget#level} over the page's bodies, as {@link #threadMessages} does.
     */
    Page<BoundedMessage> listMessages(AccountId accountId, InboxId inboxId, Direction directionOrNull,
                                      PageRequest page, BodyBudget budget);

    /** The inbox's threads, latest message first (id as tie-break), only read or only unread ones when given. */
    Page<MailThread> listThreads(AccountId accountId, InboxId inboxId, Boolean isReadOrNull, PageRequest page);

    /** The thread's latest message (id as tie-break), the one a reply answers, read alone. */
    Optional<Message> lastMessageOfThread(AccountId accountId, ThreadId threadId);

    /**
     * A page of the thread's messages, oldest first (id as tie-break), with every body cut to the budget's
     * {@link BodyBudget#level} over the page's bodies, and the thread's message count as the total. Reads only the
     * page, and of each body only what is kept.
     */
    Page<BoundedMessage> threadMessages(AccountId accountId, ThreadId threadId, PageRequest page, BodyBudget budget);

    Optional<Message> findMessage(AccountId accountId, MessageId id);

    /** The message's first attachment with exactly this file name. */
    Optional<StoredAttachment> findAttachment(AccountId accountId, MessageId messageId, String filename);

    /** The message exactly as it was received or sent. */
    Optional<byte[]> findRaw(AccountId accountId, MessageId messageId);
}
