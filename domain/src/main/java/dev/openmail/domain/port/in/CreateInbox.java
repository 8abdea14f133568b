package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
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
     * Everything but the caller may be null: no pod means the default pod (a pod key's own pod), no mailbox name a random one, no domain the
     * installation's default domain.
     */
    record Command(Caller caller, PodRef pod, MailboxName mailboxName, DisplayName displayName, DomainName domain,
                   WebhookUrl webhookUrl) {
        public Command {
            Objects.requireNonNull(caller);
        }
    }
}
