package dev.openmail.domain.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A send made under an Idempotency-Key: a repeat of the same request (the same body from the same inbox) is answered
 * with this send, for a day. Keys belong to the account, so the key is taken for all of its inboxes. {@code inboxId} is
 * the inbox the send was made from, with which the record goes.
 */
public record IdempotentSend(AccountId accountId, InboxId inboxId, String key, String fingerprint, MessageId messageId,
                             Instant createdAt) {

    public static final Duration KEPT = Duration.ofHours(24);
    public static final int MAX_KEY_LENGTH = 255;

    public IdempotentSend {
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(inboxId);
        Objects.requireNonNull(key);
        Objects.requireNonNull(fingerprint);
        Objects.requireNonNull(messageId);
        createdAt = Objects.requireNonNull(createdAt).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Whether a send of {@code sentFingerprint} from {@code sentFrom} under this key repeats this one, and is answered
     * with it. Anything else under the key (another body, or another inbox of the account) is a reuse of the key: it
     * is refused, and tells the caller nothing of this send.
     */
    public boolean isRepeatedBy(InboxId sentFrom, String sentFingerprint) {
        return inboxId.equals(sentFrom) && fingerprint.equals(sentFingerprint);
    }
}
