package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.EventFilter;
import dev.openmail.domain.event.Subscriber;
import dev.openmail.domain.event.SubscriberId;

import java.time.Instant;

/**
 * The live WebSocket connections of the whole installation (every server process), as the connection limit and the
 * choice between WebSocket and webhook need them. Every method runs in the caller's transaction when there is one.
 */
public interface LiveSubscribers {

    /** How many of the account's connections have been marked alive at or after {@code liveSince}. */
    int countLive(AccountId accountId, Instant liveSince);

    /** Adds a connection, alive at {@code now}. */
    void add(Subscriber subscriber, Instant now);

    /** Replaces what the connection hears; nothing when it is gone. */
    void update(SubscriberId id, EventFilter filter);

    void remove(SubscriberId id);

    /** Marks every connection of the process {@code instance} alive at {@code now}. */
    void heartbeat(String instance, Instant now);

    /** Removes the process's connections, as it stops. */
    void removeInstance(String instance);

    /** Removes connections not marked alive since {@code liveSince} (their process is gone); how many. */
    int removeDead(Instant liveSince);
}
