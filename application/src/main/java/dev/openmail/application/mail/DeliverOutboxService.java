package dev.openmail.application.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.delivery.BounceAddress;
import dev.openmail.domain.delivery.DeliveryState;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.OutboxEntry;
import dev.openmail.domain.port.in.DeliverOutbox;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.OutboundRecipients;
import dev.openmail.domain.port.out.Outbox;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.Suppressions;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.port.out.TransmitMail;
import dev.openmail.domain.port.out.TransmitMail.Envelope;
import dev.openmail.domain.port.out.TransmitMail.RecipientResult;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works through the outbox, recipient by recipient. Each due entry's recipients still pending go to the next hop
 * ({@link TransmitMail}: the relay, or the recipients' own mail servers), each with its own bounce address as the
 * envelope sender. A recipient taken is {@code delivered}; one refused for good, or still failing after the last
 * attempt, is {@code failed}; the others wait twice as long as last time. A recipient whose address itself was
 * refused for good (a 5xx reply with an enhanced status 5.1.x) is also suppressed for the account, as a hard bounce. When no recipient is pending any more the message
 * is {@code sent} (delivered to at least one) or {@code failed}, reported by a {@code message.delivered} or
 * {@code message.failed} event that carries every recipient's state.
 *
 * <p>Each claimed entry is delivered on its own ({@link #deliver}); the server's outbox worker runs several at once,
 * so that a slow destination holds back only its own messages.
 */
public final class DeliverOutboxService implements DeliverOutbox {

    /** How soon a message whose destination was busy is offered again. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private final Transactions transactions;
    private final Outbox outbox;
    private final LoadMail loadMail;
    private final SaveMail saveMail;
    private final TransmitMail transmit;
    private final RecordEvents recordEvents;
    private final OutboundRecipients recipients;
    private final Suppressions suppressions;
    private final Clock clock;
    private final Retry retry;
    /** The end of each claim this service made and has not finished with (epoch millis). */
    private final Map<Claim, Long> claims = new ConcurrentHashMap<>();

    private record Claim(AccountId accountId, MessageId messageId) {
    }

    public DeliverOutboxService(Transactions transactions, Outbox outbox, LoadMail loadMail, SaveMail saveMail,
                                TransmitMail transmit, RecordEvents recordEvents, OutboundRecipients recipients,
                                Suppressions suppressions, Clock clock, Retry retry) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.loadMail = loadMail;
        this.saveMail = saveMail;
        this.transmit = transmit;
        this.recordEvents = recordEvents;
        this.recipients = recipients;
        this.suppressions = suppressions;
        this.clock = clock;
        this.retry = retry;
    }

    /**
     * Backoff: the first retry after {@code base}, doubling up to {@code cap}; failed after {@code maxAttempts}.
     * {@code lease}: how long a claimed entry is left to its worker before another may take it over, which is also how
     * long an entry claimed by a server that died waits before it is tried again. It must outlast a delivery attempt
     * and the wait for a free worker.
     */
    public record Retry(Duration base, Duration cap, int maxAttempts, Duration lease) {

        public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

        public Retry(Duration base, Duration cap, int maxAttempts) {
            this(base, cap, maxAttempts, DEFAULT_LEASE);
        }
    }

    @Override
    public List<OutboxEntry> claimDue(int max) {
        Instant now = clock.instant();
        long until = now.toEpochMilli() + retry.lease().toMillis();
        List<OutboxEntry> claimed = transactions.inTransaction(() -> outbox.claimDue(now, retry.lease(), max));
        claimed.forEach(entry -> claims.put(new Claim(entry.accountId(), entry.messageId()), until));
        return claimed;
    }

    @Override
    public boolean deliver(OutboxEntry entry) {
        Long until = claims.remove(new Claim(entry.accountId(), entry.messageId()));
        Optional<byte[]> raw = transactions.inTransaction(() -> loadMail.findRaw(entry.accountId(), entry.messageId()));
        if (raw.isEmpty()) {
            // The message went with its inbox; there is nothing left to send.
            transactions.inTransaction(() -> outbox.remove(entry.accountId(), entry.messageId()));
            return false;
        }
        List<RecipientDelivery> pending = transactions.inTransaction(() -> pendingRecipients(entry));
        List<Envelope> envelopes = pending.stream()
                .map(recipient -> new Envelope(BounceAddress.of(recipient.bounceToken(), entry.envelopeFrom()),
                        recipient.address()))
                .toList();
        List<RecipientResult> results;
        try {
            results = envelopes.isEmpty() ? List.of() : transmit.transmit(raw.get(), envelopes);
            if (results.size() != envelopes.size()) {
                throw new IllegalStateException("the transmitter answered " + results.size() + " results for "
                        + envelopes.size() + " envelopes");
            }
        } catch (RuntimeException unexpected) {
            // Whatever else went wrong may not go wrong next time; every recipient is treated as deferred.
            results = envelopes.stream().map(envelope -> new RecipientResult(envelope.to(),
                    TransmitMail.Outcome.DEFERRED, String.valueOf(unexpected), "")).toList();
        }
        List<RecipientResult> answered = results;
        return transactions.inTransaction(() -> {
            OptionalLong held = outbox.claimedUntil(entry.accountId(), entry.messageId());
            if (until != null && !held.equals(OptionalLong.of(until))) {
                // The lease ran out meanwhile and another claim took the entry over: what it finds is its to write.
                return false;
            }
            return record(entry, pending, answered);
        });
    }

    /**
     * The entry's recipients still to be tried, in position order. An entry queued before recipients had rows of their
     * own gets them now.
     */
    private List<RecipientDelivery> pendingRecipients(OutboxEntry entry) {
        List<RecipientDelivery> rows = recipients.of(entry.accountId(), entry.messageId());
        if (rows.isEmpty()) {
            List<RecipientDelivery> made = new ArrayList<>();
            for (String address : entry.recipients()) {
                made.add(RecipientDelivery.queued(made.size(), address, clock.instant()));
            }
            recipients.insert(entry.accountId(), entry.messageId(), made);
            return made;
        }
        return rows.stream().filter(row -> row.state().pending()).toList();
    }

    private boolean record(OutboxEntry entry, List<RecipientDelivery> tried, List<RecipientResult> results) {
        Instant now = clock.instant();
        boolean attempted = false;
        String lastError = null;
        boolean lastAttempt = entry.attempts() + 1 >= retry.maxAttempts();
        Optional<Message> message = loadMail.findMessage(entry.accountId(), entry.messageId());
        for (int i = 0; i < tried.size(); i++) {
            RecipientDelivery recipient = tried.get(i);
            RecipientResult result = results.get(i);
            RecipientDelivery next = switch (result.outcome()) {
                case DELIVERED -> recipient.attempted(DeliveryState.DELIVERED, result.reply(), result.host(), now);
                case FAILED -> recipient.attempted(DeliveryState.FAILED, result.reply(), result.host(), now);
                case DEFERRED -> lastAttempt
                        ? recipient.attempted(DeliveryState.FAILED, "gave up after " + retry.maxAttempts()
                                + " attempts; last: " + result.reply(), result.host(), now)
                        : recipient.attempted(DeliveryState.DEFERRED, result.reply(), result.host(), now);
                case NOT_TRIED -> recipient;
            };
            if (result.outcome() != TransmitMail.Outcome.NOT_TRIED) {
                attempted = true;
                recipients.update(entry.accountId(), entry.messageId(), next);
            }
            if (result.outcome() == TransmitMail.Outcome.DEFERRED) {
                lastError = result.recipient() + ": " + result.reply();
            }
            if (result.outcome() == TransmitMail.Outcome.FAILED && addressRefused(result.reply())) {
                // the reply as the recipient's row keeps it: one line, at most RecipientDelivery.MAX_REPLY characters
                message.ifPresent(sent -> suppress(sent, recipient.address(), next.reply(), now));
            }
        }
        List<RecipientDelivery> all = recipients.of(entry.accountId(), entry.messageId());
        List<String> stillPending = all.stream().filter(row -> row.state().pending())
                .map(RecipientDelivery::address).toList();
        if (stillPending.isEmpty()) {
            boolean reached = all.stream().anyMatch(row -> row.state() == DeliveryState.DELIVERED);
            finish(entry, message, reached ? MessageStatus.SENT : MessageStatus.FAILED, all, now);
            return reached;
        }
        OutboxEntry remaining = new OutboxEntry(entry.accountId(), entry.messageId(), entry.envelopeFrom(),
                stillPending, entry.attempts(), entry.nextAttemptAt(), entry.lastError());
        outbox.reschedule(attempted
                ? remaining.retryLater(lastError == null ? entry.lastError() : lastError, now, retry.base(), retry.cap())
                : new OutboxEntry(entry.accountId(), entry.messageId(), entry.envelopeFrom(), stillPending,
                        entry.attempts(), now.plus(BUSY_RETRY), entry.lastError()));
        return false;
    }

    /**
     * Adds the address to the account's suppressions as a bounce. An address the list cannot hold (longer than 254
     * characters, say) is left off it: the refusal must not keep the delivery's results from being written.
     */
    private void suppress(Message sent, String address, String reason, Instant now) {
        try {
            suppressions.insertIfAbsent(new Suppression(sent.accountId(), sent.podId(), address,
                    SuppressionType.BOUNCE, reason, now));
        } catch (InvalidInputException unlisted) {
            // the recipient's row says what happened; there is nothing more to keep
        }
    }

    /**
     * A permanent refusal of the address itself: a 5yz reply whose enhanced status code (RFC 3463) is of the addressing
     * class, 5.1.x (no such mailbox, no such domain, a domain that takes no mail). A refusal of the message (5.7.x
     * policy or spam, 5.3.4 too big), of the sender, or without an enhanced code fails the recipient but does not
     * suppress the address: the address may be fine and the next message welcome.
     */
    static boolean addressRefused(String reply) {
        if (reply.length() < 9 || reply.charAt(0) != '5' || !Character.isDigit(reply.charAt(1))
                || !Character.isDigit(reply.charAt(2)) || (reply.charAt(3) != ' ' && reply.charAt(3) != '-')) {
            return false;
        }
        return reply.startsWith("5.1.", 4) && Character.isDigit(reply.charAt(8));
    }

    private void finish(OutboxEntry entry, Optional<Message> message, MessageStatus status,
                        List<RecipientDelivery> all, Instant now) {
        EventType reported = status == MessageStatus.SENT ? EventType.MESSAGE_DELIVERED : EventType.MESSAGE_FAILED;
        outbox.remove(entry.accountId(), entry.messageId());
        saveMail.updateStatus(entry.accountId(), entry.messageId(), status);
        // A message deleted with its inbox meanwhile has no one left to tell. The snapshot does not carry the status,
        // so the message as read for this round serves.
        message.ifPresent(sent -> recordEvents.record(List.of(MailEvent.about(reported, sent, now, all))));
    }
}
