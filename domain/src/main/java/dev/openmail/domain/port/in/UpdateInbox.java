package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.inbox.DisplayName;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;

import java.util.Objects;

public interface UpdateInbox {

    Updated update(Command command);

    /** The inbox after the update, and the webhook signing secret if this update issued one (else null). */
    record Updated(Inbox inbox, WebhookSecret issuedSecret) {
    }

    record Command(Caller caller, InboxId inboxId, Change<DisplayName> displayName, Change<WebhookUrl> webhookUrl) {
        public Command {
            Objects.requireNonNull(caller);
            Objects.requireNonNull(inboxId);
            Objects.requireNonNull(displayName);
            Objects.requireNonNull(webhookUrl);
        }
    }
}
