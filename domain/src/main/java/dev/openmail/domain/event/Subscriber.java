package dev.openmail.domain.event;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKeyId;

import java.time.Duration;
import java.util.Objects;

/**
 * One live WebSocket connection as every server process sees it: whose it is, through which key, hearing what, on
 * which process. A process marks its connections alive every {@link #HEARTBEAT_EVERY}; one not marked for
 * {@link #DEAD_AFTER} is taken for gone (its process died) and counts for nothing.
 *
 * @param instance the server process holding the connection
 */
public record Subscriber(SubscriberId id, String instance, AccountId accountId, ApiKeyId keyId, KeyScope scope,
                         EventFilter filter) {

    /** WebSocket connections an account may have open at once, across every server process. */
    public static final int MAX_PER_ACCOUNT = 10;
    public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(15);
    public static final Duration DEAD_AFTER = Duration.ofSeconds(60);

    public Subscriber {
        Objects.requireNonNull(id);
        Objects.requireNonNull(instance);
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(keyId);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(filter);
    }
}
