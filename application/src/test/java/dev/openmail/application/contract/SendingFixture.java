package dev.openmail.application.contract;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.TimeOrderedIds;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The rows the sending contracts need to exist (accounts, inboxes, sent messages), stored through the ports. Every
 * account and inbox is new and every address unique, so that tests sharing a database never meet each other's rows.
 */
final class SendingFixture {

    static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");

    private final SaveAccount saveAccount;
    private final SavePod savePod;
    private final SaveInbox saveInbox;
    private final SaveMail saveMail;

    SendingFixture(SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox, SaveMail saveMail) {
        this.saveAccount = saveAccount;
        this.savePod = savePod;
        this.saveInbox = saveInbox;
        this.saveMail = saveMail;
    }

    record Opened(Account account, Pod pod) {
        AccountId id() {
            return account.id();
        }
    }

    /** An account with its default pod, as every account has. */
    Opened openAccount() {
        Account account = Account.open(null, new InboxLimit(10), T0);
        Pod pod = Pod.createDefault(account.id(), T0);
        saveAccount.insert(account);
        savePod.insert(pod);
        return new Opened(account, pod);
    }

    Inbox insertInbox(Opened owner) {
        Inbox inbox = Inbox.create(owner.id(), owner.pod().id(), new EmailAddress(
                new MailboxName(TimeOrderedIds.next()), new DomainName("sending.test")), null, null, null, T0);
        saveInbox.insert(inbox);
        return inbox;
    }

    /** A pending outbound message in a thread of its own; ids made later sort after those made earlier. */
    Message insertMessage(Inbox inbox) {
        MailThread thread = new MailThread(ThreadId.generate(), inbox.accountId(), inbox.podId(), inbox.id(), "Hi",
                true, T0, T0, 1);
        saveMail.insertThread(thread);
        Message message = new Message(MessageId.generate(), inbox.accountId(), inbox.podId(), inbox.id(), thread.id(),
                Direction.OUTBOUND, MessageStatus.PENDING, inbox.address().value(), "someone@example.com", null, null,
                List.of(), "Hi", "Hello", null, List.of(), null, null, List.of(), T0);
        saveMail.insertMessage(message, "raw".getBytes(StandardCharsets.US_ASCII), List.of());
        return message;
    }
}
