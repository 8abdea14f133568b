package dev.openmail.domain.port.in;

import dev.openmail.domain.event.LoggedEvent;

import java.util.List;

/**
 * What a server process does for its WebSocket connections as a whole, with no API key: follow the event log, and
 * keep the installation's list of live connections true.
 */
public interface FollowEventLog {

    /** The greatest position of the log visible now. */
    long lastPosition();

    /** At most {@code limit} events of every account after {@code position}, oldest first. */
    List<LoggedEvent> after(long position, int limit);

    /** Marks the connections of process {@code instance} alive, and forgets those of processes that died. */
    void heartbeat(String instance);

    /** Forgets every connection of process {@code instance}, as it stops. */
    void forget(String instance);
}
