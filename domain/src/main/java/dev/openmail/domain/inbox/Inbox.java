package dev.openmail.domain.inbox;

import dev.openmail.domain.access.Place;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.webhook.NoWebhookUrlException;
import dev.openmail.domain.webhook.WebhookTarget;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * An email address of an account, in exactly one pod for its whole life. An inbox on a custom domain remembers that
 * domain, so that the domain's scope can be checked against it; an inbox on the installation's default domain has none.
 */
public final class Inbox {

    private final InboxId id;
    private final AccountId accountId;
    private final PodId podId;
    private final EmailAddress address;
    private final DomainId domainId;
    private final DisplayName displayName;
    private final WebhookUrl webhookUrl;
    private final WebhookSecret webhookSecret;
    private final Instant createdAt;

    private Inbox(InboxId id, AccountId accountId, PodId podId, EmailAddress address, DomainId domainId,
                  DisplayName displayName, WebhookUrl webhookUrl, WebhookSecret webhookSecret, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.accountId = Objects.requireNonNull(accountId);
        this.podId = Objects.requireNonNull(podId);
        this.address = Objects.requireNonNull(address);
        this.domainId = domainId;
        this.displayName = displayName;
        this.webhookUrl = webhookUrl;
        this.webhookSecret = webhookSecret;
        this.createdAt = Objects.requireNonNull(createdAt).truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new inbox; a webhook URL given now comes with a new signing secret. */
    public static Inbox create(AccountId accountId, PodId podId, EmailAddress address, DomainId domainId,
                               DisplayName displayName, WebhookUrl webhookUrl, Instant now) {
        return new Inbox(InboxId.generate(), accountId, podId, address, domainId, displayName, webhookUrl,
                webhookUrl == null ? null : WebhookSecret.generate(), now);
    }

    public static Inbox reconstitute(InboxId id, AccountId accountId, PodId podId, EmailAddress address, DomainId domainId,
                                     DisplayName displayName, WebhookUrl webhookUrl, WebhookSecret webhookSecret,
                                     Instant createdAt) {
        return new Inbox(id, accountId, podId, address, domainId, displayName, webhookUrl, webhookSecret, createdAt);
    }

    /** Applies a partial update. The first webhook URL an inbox gets comes with a new signing secret. */
    public Inbox update(Change<DisplayName> newDisplayName, Change<WebhookUrl> newWebhookUrl) {
        WebhookUrl url = newWebhookUrl.applyTo(webhookUrl);
        WebhookSecret secret = url != null && webhookSecret == null ? WebhookSecret.generate() : webhookSecret;
        return new Inbox(id, accountId, podId, address, domainId, newDisplayName.applyTo(displayName), url, secret,
                createdAt);
    }

    /**
     * The inbox with a new webhook signing secret, the old one no longer valid. Only an inbox with a webhook URL has
     * a secret to rotate.
     */
    public Inbox withNewWebhookSecret() {
        if (webhookUrl == null) {
            throw new NoWebhookUrlException("This inbox has no webhook URL, so it has no secret to rotate; set one with"
                    + " webhookUrl first.");
        }
        return new Inbox(id, accountId, podId, address, domainId, displayName, webhookUrl, WebhookSecret.generate(),
                createdAt);
    }

    /** The inbox's own webhook; empty when it has no URL (its events then go to the account's webhook, if any). */
    public Optional<WebhookTarget> webhookTarget() {
        return webhookUrl == null || webhookSecret == null ? Optional.empty()
                : Optional.of(new WebhookTarget(webhookUrl, webhookSecret));
    }

    public static NotFoundException notFound(String idText) {
        return new NotFoundException("No inbox with id '" + idText + "' in this account.");
    }

    public InboxId id() {
        return id;
    }

    public AccountId accountId() {
        return accountId;
    }

    /** Where the inbox sits, for the access policy. */
    public Place place() {
        return Place.inbox(podId, id);
    }

    public PodId podId() {
        return podId;
    }

    public EmailAddress address() {
        return address;
    }

    public DomainId domainId() {
        return domainId;
    }

    public DisplayName displayName() {
        return displayName;
    }

    public WebhookUrl webhookUrl() {
        return webhookUrl;
    }

    public WebhookSecret webhookSecret() {
        return webhookSecret;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
