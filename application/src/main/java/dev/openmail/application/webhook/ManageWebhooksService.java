package dev.openmail.application.webhook;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.port.in.ManageWebhooks;
import dev.openmail.domain.port.out.AccountWebhooks;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.PostWebhook;
import dev.openmail.domain.port.out.RenderEvents;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.port.out.WebhookDeliveries;
import dev.openmail.domain.webhook.AccountWebhook;
import dev.openmail.domain.webhook.NoWebhookUrlException;
import dev.openmail.domain.webhook.WebhookAttempt;
import dev.openmail.domain.webhook.WebhookFailedException;
import dev.openmail.domain.webhook.WebhookResponse;
import dev.openmail.domain.webhook.WebhookTarget;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Webhook secrets, tests, the account's own webhook and the delivery log. Changing a webhook (its URL or secret) takes
 * an account-wide key; a pod key may test the webhooks of its pod's inboxes and read their log.
 */
public final class ManageWebhooksService implements ManageWebhooks {

    /** The {@code event} of a test delivery. */
    public static final String TEST_EVENT = "webhook.test";

    private final Transactions transactions;
    private final LoadInboxes loadInboxes;
    private final SaveInbox saveInbox;
    private final AccountWebhooks accountWebhooks;
    private final WebhookDeliveries deliveries;
    private final RenderEvents render;
    private final PostWebhook post;
    private final Clock clock;

    public ManageWebhooksService(Transactions transactions, LoadInboxes loadInboxes, SaveInbox saveInbox,
                                 AccountWebhooks accountWebhooks, WebhookDeliveries deliveries, RenderEvents render,
                                 PostWebhook post, Clock clock) {
        this.transactions = transactions;
        this.loadInboxes = loadInboxes;
        this.saveInbox = saveInbox;
        this.accountWebhooks = accountWebhooks;
        this.deliveries = deliveries;
        this.render = render;
        this.post = post;
        this.clock = clock;
    }

    @Override
    public WebhookSecret rotateInboxSecret(Caller caller, InboxId inboxId) {
        Access.requireKind(caller, Action.CONFIGURE_WEBHOOKS);
        return transactions.inTransaction(() -> {
            Inbox inbox = inboxFor(caller, inboxId, Action.CONFIGURE_WEBHOOKS);
            Inbox rotated = inbox.withNewWebhookSecret();
            if (!saveInbox.update(rotated)) {
                throw Inbox.notFound(inboxId.value());
            }
            return rotated.webhookSecret();
        });
    }

    @Override
    public WebhookResponse testInbox(Caller caller, InboxId inboxId) {
        Access.requireKind(caller, Action.TEST_WEBHOOKS);
        WebhookTarget target = transactions.inTransaction(() -> inboxFor(caller, inboxId, Action.TEST_WEBHOOKS)
                .webhookTarget().orElseThrow(() -> new NoWebhookUrlException("This inbox has no webhook URL to test;"
                        + " set its webhookUrl first.")));
        return sendTest(caller.accountId(), inboxId, target);
    }

    @Override
    public Optional<AccountWebhook> accountWebhook(Caller caller) {
        Access.requireKind(caller, Action.CONFIGURE_WEBHOOKS);
        return transactions.inTransaction(() -> accountWebhooks.find(caller.accountId()));
    }

    @Override
    public Saved setAccountWebhook(Caller caller, WebhookUrl url) {
        Access.requireKind(caller, Action.CONFIGURE_WEBHOOKS);
        return transactions.inTransaction(() -> {
            Optional<WebhookSecret> kept = accountWebhooks.findForUpdate(caller.accountId())
                    .map(AccountWebhook::secret);
            AccountWebhook webhook = new AccountWebhook(url, kept.orElseGet(WebhookSecret::generate));
            accountWebhooks.save(caller.accountId(), webhook);
            return new Saved(webhook, kept.isPresent() ? null : webhook.secret());
        });
    }

    @Override
    public void removeAccountWebhook(Caller caller) {
        Access.requireKind(caller, Action.CONFIGURE_WEBHOOKS);
        transactions.inTransaction(() -> accountWebhooks.remove(caller.accountId()));
    }

    @Override
    public WebhookSecret rotateAccountSecret(Caller caller) {
        Access.requireKind(caller, Action.CONFIGURE_WEBHOOKS);
        return transactions.inTransaction(() -> {
            AccountWebhook current = accountWebhooks.findForUpdate(caller.accountId())
                    .orElseThrow(() -> new NoWebhookUrlException("The account has no webhook URL, so it has no secret"
                            + " to rotate; set the account's webhook URL first."));
            AccountWebhook rotated = new AccountWebhook(current.url(), WebhookSecret.generate());
            accountWebhooks.save(caller.accountId(), rotated);
            return rotated.secret();
        });
    }

    @Override
    public WebhookResponse testAccount(Caller caller) {
        Access.requireKind(caller, Action.CONFIGURE_WEBHOOKS);
        WebhookTarget target = transactions.inTransaction(() -> accountWebhooks.find(caller.accountId()))
                .map(AccountWebhook::target)
                .orElseThrow(() -> new NoWebhookUrlException("The account has no webhook URL to test; set the"
                        + " account's webhook URL first."));
        return sendTest(caller.accountId(), null, target);
    }

    @Override
    public Page<WebhookAttempt> inboxDeliveries(Caller caller, InboxId inboxId, PageRequest page) {
        Access.requireKind(caller, Action.TEST_WEBHOOKS);
        return transactions.inTransaction(() -> {
            inboxFor(caller, inboxId, Action.TEST_WEBHOOKS);
            return deliveries.attemptsOfInbox(caller.accountId(), inboxId, page);
        });
    }

    @Override
    public Page<WebhookAttempt> accountDeliveries(Caller caller, PageRequest page) {
        Access.requireKind(caller, Action.CONFIGURE_WEBHOOKS);
        return transactions.inTransaction(() -> deliveries.attemptsOfAccount(caller.accountId(), page));
    }

    private Inbox inboxFor(Caller caller, InboxId inboxId, Action action) {
        Inbox inbox = loadInboxes.find(caller.accountId(), inboxId).orElseThrow(() -> Inbox.notFound(inboxId.value()));
        Access.require(caller, action, inbox.place());
        return inbox;
    }

    /** Posts a test event now, logs it, and fails unless the webhook answered 2xx. */
    private WebhookResponse sendTest(AccountId accountId, InboxId inboxIdOrNull, WebhookTarget target) {
        EventId id = EventId.generate();
        Instant at = clock.instant();
        byte[] body = render.testPayload(id, inboxIdOrNull, at);
        WebhookResponse response = post.post(target.request(id, at.getEpochSecond(), body));
        transactions.inTransaction(() -> deliveries.log(WebhookAttempt.posted(id, TEST_EVENT, accountId,
                inboxIdOrNull, 1, at, target.url().value(), response)));
        if (!response.succeeded()) {
            throw new WebhookFailedException("The webhook did not take the test event: " + response.error() + ".");
        }
        return response;
    }
}
