package dev.openmail.application.fakes;

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
import dev.openmail.domain.port.out.LoadMail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * LoadMail that passes everything on but answers for some messages as if they were gone, while every other row (an
 * outbox entry of theirs, say) stays: a store that does not cascade, which the ports do not forbid.
 */
public final class LoadMailHidingMessages implements LoadMail {

    private final LoadMail delegate;
    private final Set<MessageId> hidden = new HashSet<>();

    public LoadMailHidingMessages(LoadMail delegate) {
        this.delegate = Objects.requireNonNull(delegate);
    }

    public synchronized LoadMailHidingMessages hide(MessageId id) {
        hidden.add(id);
        return this;
    }

    private synchronized boolean isHidden(MessageId id) {
        return hidden.contains(id);
    }

    @Override
    public Optional<MailThread> findThread(AccountId accountId, ThreadId id) {
        return delegate.findThread(accountId, id);
    }

    @Override
    public Optional<MailThread> findThreadForUpdate(AccountId accountId, ThreadId id) {
        return delegate.findThreadForUpdate(accountId, id);
    }

    @Override
    public Optional<ThreadId> threadOfMessageId(AccountId accountId, InboxId inboxId, String rfcMessageId) {
        return delegate.threadOfMessageId(accountId, inboxId, rfcMessageId);
    }

    @Override
    public Page<BoundedMessage> listMessages(AccountId accountId, InboxId inboxId, Direction directionOrNull,
                                             PageRequest page, BodyBudget budget) {
        return delegate.listMessages(accountId, inboxId, directionOrNull, page, budget);
    }

    @Override
    public Page<MailThread> listThreads(AccountId accountId, InboxId inboxId, Boolean isReadOrNull,
                                        PageRequest page) {
        return delegate.listThreads(accountId, inboxId, isReadOrNull, page);
    }

    /** The thread's visible messages, oldest first, read a page at a time. */
    private List<Message> messagesOfThread(AccountId accountId, ThreadId threadId) {
        List<Message> visible = new ArrayList<>();
        Page<BoundedMessage> page;
        long offset = 0;
        do {
            page = delegate.threadMessages(accountId, threadId, new PageRequest(PageRequest.MAX_LIMIT, offset),
                    BodyBudget.UNLIMITED);
            page.items().stream().map(BoundedMessage::message).filter(message -> !isHidden(message.id()))
                    .forEach(visible::add);
            offset += page.items().size();
        } while (!page.items().isEmpty() && offset < page.total());
        return visible;
    }

    @Override
    public Optional<Message> lastMessageOfThread(AccountId accountId, ThreadId threadId) {
        List<Message> visible = messagesOfThread(accountId, threadId);
        return visible.isEmpty() ? Optional.empty() : Optional.of(visible.get(visible.size() - 1));
    }

    @Override
    public Page<BoundedMessage> threadMessages(AccountId accountId, ThreadId threadId, PageRequest page,
                                               BodyBudget budget) {
        Page<BoundedMessage> all = delegate.threadMessages(accountId, threadId, page, budget);
        return new Page<>(all.items().stream().filter(read -> !isHidden(read.message().id())).toList(), all.total());
    }

    @Override
    public Optional<Message> findMessage(AccountId accountId, MessageId id) {
        return isHidden(id) ? Optional.empty() : delegate.findMessage(accountId, id);
    }

    @Override
    public Optional<StoredAttachment> findAttachment(AccountId accountId, MessageId messageId, String filename) {
        return isHidden(messageId) ? Optional.empty() : delegate.findAttachment(accountId, messageId, filename);
    }

    @Override
    public Optional<byte[]> findRaw(AccountId accountId, MessageId messageId) {
        return isHidden(messageId) ? Optional.empty() : delegate.findRaw(accountId, messageId);
    }
}
