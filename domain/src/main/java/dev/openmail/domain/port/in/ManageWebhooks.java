package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.webhook.AccountWebhook;
import dev.openmail.domain.webhook.WebhookAttempt;
import dev.openmail.domain.webhook.WebhookResponse;

import java.util.Optional;

/** What a client does with webhooks beyond setting an inbox's URL: secrets, tests, the account's webhook, the log. */
public interface ManageWebhooks {

    /** A new signing secret for the inbox's webhook; the old one stops signing at once. */
    WebhookSecret rotateInboxSecret(Caller caller, InboxId inboxId);

    /**
     * Posts a signed {@code webhook.test} event to the inbox's webhook now and answers what it came to; throws
     * {@link dev.openmail.domain.webhook.WebhookFailedException} when the webhook did not answer 2xx.
     */
    WebhookResponse testInbox(Caller caller, InboxId inboxId);

    Optional<AccountWebhook> accountWebhook(Caller caller);

    /** Sets the account's webhook URL; the first URL comes with a new secret, a later one keeps the secret. */
    Saved setAccountWebhook(Caller caller, WebhookUrl url);

    /** The account's webhook as saved, and its secret when this call issued it (else null). */
    record Saved(AccountWebhook webhook, WebhookSecret issuedSecret) {
    }

    void removeAccountWebhook(Caller caller);

    WebhookSecret rotateAccountSecret(Caller caller);

    WebhookResponse testAccount(Caller caller);

    /** The delivery log of one inbox, newest first. */
    Page<WebhookAttempt> inboxDeliveries(Caller caller, InboxId inboxId, PageRequest page);

    /** The delivery log of the whole account, newest first. */
    Page<WebhookAttempt> accountDeliveries(Caller caller, PageRequest page);
}
