package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.mail.IdempotentSend;

import java.time.Instant;
import java.util.Optional;

public interface IdempotentSends {

    /** The send made under this key by this account, from any of its inboxes, at or after {@code notBefore}. */
    Optional<IdempotentSend> find(AccountId accountId, String key, Instant notBefore);

    /**
     * Records the send; a record of the same key of the same account older than {@code expiredBefore} is replaced.
     * Throws {@link IdempotencyKeyTakenException} when a current record holds the key (a concurrent request won), from
     * whichever inbox of the account it was made.
     */
    void insert(IdempotentSend send, Instant expiredBefore);

    final class IdempotencyKeyTakenException extends RuntimeException {
        public IdempotencyKeyTakenException() {
            super("the idempotency key is taken", null, false, false);
        }
    }
}
