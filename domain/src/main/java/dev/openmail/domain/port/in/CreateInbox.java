package dev.openmail.domain.port.in;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.DisplayName;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.pod.PodRef;

import java.util.Objects;

public interface CreateInbox {

    Inbox create(Command command);

    /**
     * Everything but the account may be null: no pod means the default pod, no mailbox name a random one, no domain the
     * installation's default domain.
     */
    record Command(AccountId accountId, PodRef pod, MailboxName mailboxName, DisplayName displayName, DomainName domain,
                   WebhookUrl webhookUrl) {
        public Command {
            Objects.requireNonNull(accountId);
        }
    }
}
