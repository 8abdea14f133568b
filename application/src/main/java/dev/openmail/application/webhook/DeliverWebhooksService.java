package dev.openmail.application.webhook;

import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.port.in.DeliverWebhooks;
import dev.openmail.domain.port.out.AccountWebhooks;
import dev.openmail.domain.port.out.EventSubscribers;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.PostWebhook;
import dev.openmail.domain.port.out.RenderEvents;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.port.out.WebhookDeliveries;
import dev.openmail.domain.webhook.AccountWebhook;
import dev.openmail.domain.webhook.AttemptOutcome;
import dev.openmail.domain.webhook.WebhookAttempt;
import dev.openmail.domain.webhook.WebhookDelivery;
import dev.openmail.domain.webhook.WebhookResponse;
import dev.openmail.domain.webhook.WebhookTarget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Delivers each event's webhook: on its first attempt an event that a WebSocket subscription hears is left to the
 * WebSocket; otherwise it is posted, signed, to the inbox's webhook or else the account's, and retried on the
 * documented schedule; with no webhook at all its delivery fails at once, the event staying in the log.
 *
 * <p>The POST runs outside any transaction: its result is stored afterwards, so a process killed during it leaves the
 * delivery claimed until the lease ends, after which another worker makes the attempt again (at least once).
 */
public final class DeliverWebhooksService implements DeliverWebhooks {

    /**
     * How deliveries are worked.
     *
     * @param lease        how long a claimed delivery is left to its worker; longer than one POST can take
     * @param perHostLimit how many of this process's workers may be posting to one host at once
     * @param postpone     how long a delivery waits, without using up an attempt, when its host has no free worker
     *                     and already {@link HostSlots#MAX_PARKED} deliveries parked waiting for one
     */
    public record Settings(Duration lease, int perHostLimit, Duration postpone) {

        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(1), 2, Duration.ofSeconds(2));

        public Settings {
            Objects.requireNonNull(lease);
            Objects.requireNonNull(postpone);
            if (perHostLimit < 1) {
                throw new IllegalArgumentException("at least one worker per host");
            }
        }
    }

    private final Transactions transactions;
    private final WebhookDeliveries deliveries;
    private final LoadEvents loadEvents;
    private final LoadInboxes loadInboxes;
    private final AccountWebhooks accountWebhooks;
    private final EventSubscribers subscribers;
    private final RenderEvents render;
    private final PostWebhook post;
    private final Clock clock;
    private final Settings settings;
    private final HostSlots slots;
    /** When this process claimed each delivery it has not begun yet. */
    private final Map<EventId, Instant> claimedAt = new ConcurrentHashMap<>();

    public DeliverWebhooksService(Transactions transactions, WebhookDeliveries deliveries, LoadEvents loadEvents,
                                  LoadInboxes loadInboxes, AccountWebhooks accountWebhooks,
                                  EventSubscribers subscribers, RenderEvents render, PostWebhook post, Clock clock,
                                  Settings settings) {
        this.transactions = transactions;
        this.deliveries = deliveries;
        this.loadEvents = loadEvents;
        this.loadInboxes = loadInboxes;
        this.accountWebhooks = accountWebhooks;
        this.subscribers = subscribers;
        this.render = render;
        this.post = post;
        this.clock = clock;
        this.settings = settings;
        this.slots = new HostSlots(settings.perHostLimit());
    }

    @Override
    public List<WebhookDelivery> claimDue(int max) {
        Instant now = clock.instant();
        List<WebhookDelivery> claimed = transactions.inTransaction(() -> deliveries.claimDue(now, settings.lease(), max));
        claimed.forEach(delivery -> claimedAt.put(delivery.eventId(), now));
        return claimed;
    }

    /**
     * Delivers the claimed delivery, and then, on the same worker, each delivery that was parked waiting for the
     * same host, so that a busy host's queue drains through its own workers without holding anyone else's.
     */
    @Override
    public void deliver(WebhookDelivery delivery) {
        HostSlots.Handover next = new HostSlots.Handover(delivery, null, claimedAt.remove(delivery.eventId()));
        while (next != null) {
            next = deliverOne(next);
        }
    }

    /**
     * One delivery. {@code current.heldHost()} is the host whose worker slot this worker already holds (handed over
     * with the delivery), or null. Answers the next delivery parked for a host this worker held a slot of, if any.
     */
    private HostSlots.Handover deliverOne(HostSlots.Handover current) {
        WebhookDelivery delivery = current.delivery();
        String held = current.heldHost();
        if (current.waitingSince() != null
                && current.waitingSince().plus(settings.lease().dividedBy(2)).isBefore(clock.instant())) {
            // Waited too long (queued or parked) for its claim to be safe: back to the queue, no attempt used up.
            transactions.inTransaction(() -> deliveries.update(delivery.postponedTo(clock.instant())));
            return slots.releaseOrHandOver(held);
        }
        Optional<MailEvent> found = transactions.inTransaction(() ->
                loadEvents.find(delivery.accountId(), delivery.eventId()));
        if (found.isEmpty()) {
            // The event went with its inbox, or expired; its delivery went with it.
            return slots.releaseOrHandOver(held);
        }
        MailEvent event = found.get();
        if (delivery.isFirstAttempt() && subscribers.subscribed(event, clock.instant())) {
            finish(delivery.viaWebSocket(), WebhookAttempt.notPosted(event.id(), event.type().wireName(),
                    event.accountId(), event.inboxId(), clock.instant(), AttemptOutcome.WEBSOCKET));
            return slots.releaseOrHandOver(held);
        }
        Optional<Optional<WebhookTarget>> target = transactions.inTransaction(() ->
                loadInboxes.find(event.accountId(), event.inboxId()).map(inbox -> targetOf(inbox)));
        if (target.isEmpty()) {
            return slots.releaseOrHandOver(held);
        }
        if (target.get().isEmpty()) {
            finish(delivery.withoutTarget(), WebhookAttempt.notPosted(event.id(), event.type().wireName(),
                    event.accountId(), event.inboxId(), clock.instant(), AttemptOutcome.NO_WEBHOOK));
            return slots.releaseOrHandOver(held);
        }
        WebhookTarget to = target.get().get();
        String host = to.host();
        if (held != null && !held.equals(host)) {
            // The webhook moved to another host since the delivery was parked: the old host's slot goes back.
            slots.release(held);
            held = null;
        }
        if (held == null) {
            switch (slots.acquireOrPark(host, delivery, clock.instant())) {
                case ACQUIRED -> {
                }
                case PARKED -> {
                    // A worker posting to this host takes it when it is done.
                    return null;
                }
                case FULL -> {
                    transactions.inTransaction(() -> deliveries.update(
                            delivery.postponedTo(clock.instant().plus(settings.postpone()))));
                    return null;
                }
            }
        }
        try {
            Instant sentAt = clock.instant();
            byte[] body = render.payload(event, delivery.nextAttemptNumber(), sentAt);
            WebhookResponse response = post.post(to.request(event.id(), sentAt.getEpochSecond(), body));
            WebhookDelivery next = response.succeeded() ? delivery.delivered() : delivery.attemptFailed(clock.instant());
            finish(next, WebhookAttempt.posted(event.id(), event.type().wireName(), event.accountId(),
                    event.inboxId(), delivery.nextAttemptNumber(), sentAt, to.url().value(), response));
        } catch (RuntimeException failure) {
            slots.release(host);
            throw failure;
        }
        return slots.releaseOrHandOver(host);
    }

    private Optional<WebhookTarget> targetOf(Inbox inbox) {
        return inbox.webhookTarget().or(() -> accountWebhooks.find(inbox.accountId()).map(AccountWebhook::target));
    }

    private void finish(WebhookDelivery next, WebhookAttempt logged) {
        transactions.inTransaction(() -> {
            deliveries.update(next);
            deliveries.log(logged);
        });
    }
}
