package dev.openmail.application.fakes;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.port.out.SaveMail;

import java.util.List;
import java.util.Objects;

/**
 * SaveMail that passes everything on but fails the n-th insertMessage, as a database failing half-way through a unit
 * of work would, so that tests can see whether the writes made before it are taken back.
 */
public final class SaveMailFailingOnInsert implements SaveMail {

    private final SaveMail delegate;
    private final int failingCall;
    private int insertCalls;

    /** {@code failingCall} counts from 1. */
    public SaveMailFailingOnInsert(SaveMail delegate, int failingCall) {
        this.delegate = Objects.requireNonNull(delegate);
        this.failingCall = failingCall;
    }

    @Override
    public void insertThread(MailThread thread) {
        delegate.insertThread(thread);
    }

    @Override
    public boolean updateThread(MailThread thread) {
        return delegate.updateThread(thread);
    }

    @Override
    public void updateStatus(AccountId accountId, MessageId messageId, MessageStatus status) {
        delegate.updateStatus(accountId, messageId, status);
    }

    @Override
    public synchronized void insertMessage(Message message, byte[] raw, List<ParsedAttachment> attachments) {
        insertCalls++;
        if (insertCalls == failingCall) {
            throw new IllegalStateException("disk full while storing message " + message.id());
        }
        delegate.insertMessage(message, raw, attachments);
    }
}
