package dev.openmail.adapters.rest.ws;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.event.EventFilter;
import dev.openmail.domain.event.SubscriberId;
import io.micronaut.websocket.WebSocketSession;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open WebSocket and what it hears. Its caller, id and filter are written by its own queue's tasks only; the
 * timer reads them.
 */
final class Connection {

    /** Client messages allowed per {@link #WINDOW_NANOS}. */
    static final int MESSAGES_PER_WINDOW = 30;
    static final long WINDOW_NANOS = 10_000_000_000L;
    /** Tasks a connection may have waiting; a client too slow to take its events is closed past it. */
    static final int QUEUE_LIMIT = 10_000;

    final WebSocketSession session;
    final SerialQueue queue;
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicBoolean forgotten = new AtomicBoolean();
    final AtomicBoolean overLimit = new AtomicBoolean();

    volatile Caller caller;
    volatile SubscriberId id;
    volatile EventFilter filter = EventFilter.NONE;
    /** Positions a replay sent, which the live stream must then skip; touched by the queue's tasks only. */
    final TreeSet<Long> replayed = new TreeSet<>();
    /** Whether {@link #replayed} holds anything, for the follower to ask without touching the set. */
    volatile boolean holdsReplayed;

    volatile long nextPing;
    /** When the unanswered ping went out (System.nanoTime), or -1. */
    volatile long pingSentAt = -1;
    volatile long nextKeyCheck;

    private final Deque<Long> received = new ArrayDeque<>();
    /** Work that came before the connection was opened, run right after its opening. */
    private final List<Runnable> early = new ArrayList<>();
    private boolean opened;

    Connection(WebSocketSession session, SerialQueue queue) {
        this.session = session;
        this.queue = queue;
    }

    /** Queues the opening (checking the key), then whatever came before it. */
    synchronized void opened(Runnable opening) {
        queue.offer(opening, Integer.MAX_VALUE);
        opened = true;
        early.forEach(task -> queue.offer(task, Integer.MAX_VALUE));
        early.clear();
    }

    /** Queues work behind the opening; false when too much is waiting already. */
    synchronized boolean whenOpen(Runnable task) {
        if (!opened) {
            if (early.size() >= MESSAGES_PER_WINDOW + 1) {
                return false;
            }
            early.add(task);
            return true;
        }
        return queue.offer(task, QUEUE_LIMIT);
    }

    boolean registered() {
        return caller != null && id != null && !closed.get();
    }

    /** Counts a client message at {@code now}; false when it is one more than the window allows. */
    synchronized boolean allowMessage(long now) {
        while (!received.isEmpty() && now - received.peekFirst() >= WINDOW_NANOS) {
            received.pollFirst();
        }
        if (received.size() >= MESSAGES_PER_WINDOW) {
            return false;
        }
        received.addLast(now);
        return true;
    }
}
