package dev.openmail.adapters.rest.ws;

import dev.openmail.adapters.rest.event.EventJson;
import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.TimeOrderedIds;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.event.EventFilter;
import dev.openmail.domain.event.LogTail;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.Subscriber;
import dev.openmail.domain.event.SubscriberId;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.in.FollowEventLog;
import dev.openmail.domain.port.in.StreamEvents;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebSocket connections of this process, and the one follower of the event log that feeds them.
 *
 * <p>While any connection is open, the log is read every {@code openmail.websocket.poll-interval} (25 ms) through a
 * {@link LogTail}, which re-reads positions that became visible out of order; each new event goes to the queue of every
 * connection of its account, whose own task decides with the connection's filter whether to send it. A connection's
 * work (its messages, the events for it, its key checks) runs one task at a time, so a subscribe's replay comes
 * before any live event that follows it, and a live event a replay already sent is skipped.
 *
 * <p>The installation's list of live connections (for the limit per account and for webhooks falling back) is kept
 * through {@link StreamEvents} and {@link FollowEventLog}; this process marks its rows alive every 15 s.
 */
@Singleton
public final class Connections {

    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);
    private static final int READ_BATCH = 500;
    /** Positions below the log's head at start that are taken for possibly still committing. */
    private static final int START_WINDOW = 200;
    private static final byte[] PING = "openmail".getBytes(StandardCharsets.US_ASCII);

    private final AuthenticateApiKey authenticate;
    private final StreamEvents streams;
    private final FollowEventLog log;
    private final EventJson payloads;
    private final JsonBodies json;
    private final WebSocketSettings settings;
    private final Clock clock;
    private final String instance = "prc_" + TimeOrderedIds.next();

    private final Map<String, Connection> bySession = new ConcurrentHashMap<>();
    private final Map<AccountId, Set<Connection>> byAccount = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(threads("openmail-ws"));
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, threads("openmail-ws-timer"));
    private final Object following = new Object();
    private LogTail tail;
    private volatile boolean stopping;

    Connections(AuthenticateApiKey authenticate, StreamEvents streams, FollowEventLog log, EventJson payloads,
                JsonBodies json, WebSocketSettings settings, RevokedKeys revokedKeys) {
        this.authenticate = authenticate;
        this.streams = streams;
        this.log = log;
        this.payloads = payloads;
        this.json = json;
        this.settings = settings;
        this.clock = Clock.systemUTC();
        revokedKeys.listen(this::revoked);
        long poll = settings.pollInterval.toNanos();
        timer.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.NANOSECONDS);
        long tick = Math.max(Duration.ofMillis(10).toNanos(), Math.min(Duration.ofSeconds(1).toNanos(),
                Math.min(settings.pongTimeout.toNanos(), settings.pingInterval.toNanos()) / 4));
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.NANOSECONDS);
        long heartbeat = Subscriber.HEARTBEAT_EVERY.toNanos();
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.NANOSECONDS);
    }

    // ---- callbacks of EventSocket (event loop: nothing blocks here)

    void open(WebSocketSession session, String token) {
        Connection connection = connection(session);
        if (stopping) {
            close(connection, CloseReason.GOING_AWAY.getCode(), "server shutting down; reconnect");
            return;
        }
        connection.opened(() -> register(connection, token));
    }

    void received(WebSocketSession session, String message) {
        if (!session.isOpen()) {
            return;
        }
        Connection connection = connection(session);
        if (connection.closed.get()) {
            return;
        }
        if (message.length() > EventSocket.MAX_MESSAGE_BYTES
                || message.getBytes(StandardCharsets.UTF_8).length > EventSocket.MAX_MESSAGE_BYTES) {
            // One frame that large is refused by the WebSocket codec; this catches a message sent in fragments.
            connection.whenOpen(() -> refuse(connection, CloseReason.MESSAGE_TO_BIG.getCode(), "message too big",
                    "A message may be at most " + EventSocket.MAX_MESSAGE_BYTES / 1024 + " KiB."));
            return;
        }
        if (!connection.allowMessage(System.nanoTime())) {
            if (connection.overLimit.compareAndSet(false, true)) {
                connection.whenOpen(() -> refuse(connection, 4029, "rate limit exceeded",
                        "More than " + Connection.MESSAGES_PER_WINDOW + " messages in 10 seconds: this connection is"
                                + " closed. Send at most " + Connection.MESSAGES_PER_WINDOW + " messages per 10 s."));
            }
            return;
        }
        if (!connection.whenOpen(() -> handle(connection, message))) {
            close(connection, CloseReason.POLICY_VIOLATION.getCode(), "too slow");
        }
    }

    /** The session's connection; made by whichever callback comes first, as a frame may beat the open callback. */
    private Connection connection(WebSocketSession session) {
        return bySession.computeIfAbsent(session.getId(), id -> new Connection(session, new SerialQueue(pool)));
    }

    void ponged(WebSocketSession session) {
        Connection connection = bySession.get(session.getId());
        if (connection != null) {
            connection.pingSentAt = -1;
        }
    }

    void closed(WebSocketSession session) {
        Connection connection = bySession.remove(session.getId());
        if (connection != null) {
            connection.closed.set(true);
            connection.queue.offer(() -> forget(connection), Integer.MAX_VALUE);
        }
    }

    void failed(WebSocketSession session, Throwable failure) {
        LOG.debug("WebSocket {} failed", session.getId(), failure);
    }

    /** A key revoked on this process: its connections end now, with 4001. */
    void revoked(AccountId accountId, ApiKeyId keyId) {
        for (Connection connection : byAccount.getOrDefault(accountId, Set.of())) {
            Caller caller = connection.caller;
            if (caller != null && caller.keyId().equals(keyId)) {
                connection.queue.offer(() -> refuse(connection, 4001, "API key revoked",
                        "The API key of this connection was revoked; connect again with a valid key."),
                        Integer.MAX_VALUE);
            }
        }
    }

    // ---- a connection's tasks (its queue: one at a time)

    private void register(Connection connection, String token) {
        if (connection.closed.get()) {
            return;
        }
        if (token == null) {
            refuse(connection, 4001, "unauthorized", "Missing API key; send the header Authorization: Bearer <your API"
                    + " key>, or ?token=<your API key> in the URL.");
            return;
        }
        Caller caller;
        try {
            caller = authenticate.authenticate(token);
        } catch (UnauthorizedException refused) {
            refuse(connection, 4001, "unauthorized", refused.getMessage());
            return;
        }
        SubscriberId id = SubscriberId.generate();
        boolean admitted;
        try {
            admitted = streams.connect(caller, id, instance);
        } catch (RuntimeException e) {
            LOG.error("A WebSocket connection could not be registered", e);
            refuse(connection, CloseReason.INTERNAL_ERROR.getCode(), "internal error",
                    "The server could not open this connection; try again.");
            return;
        }
        if (!admitted) {
            refuse(connection, 4008, "connection limit exceeded", "This account already has "
                    + Subscriber.MAX_PER_ACCOUNT + " WebSocket connections open, the most it may have; close one"
                    + " before opening another.");
            return;
        }
        connection.caller = caller;
        connection.id = id;
        long now = System.nanoTime();
        connection.nextPing = now + settings.pingInterval.toNanos();
        connection.nextKeyCheck = now + settings.keyCheckInterval.toNanos();
        byAccount.computeIfAbsent(caller.accountId(), account -> ConcurrentHashMap.newKeySet()).add(connection);
        // The log is followed from before the connection can subscribe: an event committed after the subscribe's
        // answer is then one the follower has not passed yet, even when no connection was open a moment ago.
        synchronized (following) {
            startFollowing(clock.instant());
        }
        if (connection.closed.get()) {
            forget(connection);
        }
    }

    private void handle(Connection connection, String message) {
        if (!connection.registered()) {
            return;
        }
        try {
            JsonObject read = read(message);
            String type = read.string("type").applyTo(null);
            if (type == null) {
                send(connection, Replies.error("A message needs a type: subscribe, unsubscribe or ping."));
                return;
            }
            switch (type) {
                case "subscribe" -> subscribe(connection, read);
                case "unsubscribe" -> unsubscribe(connection, read);
                case "ping" -> send(connection, Replies.pong());
                default -> send(connection, Replies.error("Unknown message type; the types are subscribe,"
                        + " unsubscribe and ping."));
            }
        } catch (InvalidInputException refused) {
            send(connection, Replies.error(refused.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("A WebSocket message could not be handled", e);
            send(connection, Replies.error("The server could not handle this message; try again."));
        }
    }

    private JsonObject read(String message) {
        try {
            return json.openObject(message.getBytes(StandardCharsets.UTF_8), EventSocket.MAX_MESSAGE_BYTES);
        } catch (InvalidInputException | HttpStatusException malformed) {
            throw new InvalidInputException("message", "The message is not valid JSON; send one JSON object, such as"
                    + " {\"type\":\"subscribe\"}.");
        }
    }

    private void subscribe(Connection connection, JsonObject message) {
        StreamEvents.Subscribed subscribed = streams.subscribe(new StreamEvents.Subscribe(connection.caller,
                connection.id, connection.filter, message.stringList("inbox_ids").applyTo(null),
                message.stringList("event_types").applyTo(null), message.string("last_event_id").applyTo(null)));
        connection.filter = subscribed.filter();
        send(connection, Replies.subscribed(subscribed.filter()));
        Instant now = clock.instant();
        for (LoggedEvent replayed : subscribed.replay()) {
            connection.replayed.add(replayed.position());
            connection.holdsReplayed = true;
            send(connection, new String(payloads.payload(replayed.event(), 1, now), StandardCharsets.UTF_8));
        }
    }

    /**
     * Forgets replayed positions the log follower will not hand on again. Queued after the poll that settled them, so
     * every live event at those positions has already been looked at.
     */
    private static void prune(Connection connection, long settled) {
        connection.replayed.headSet(settled, true).clear();
        connection.holdsReplayed = !connection.replayed.isEmpty();
    }

    private void unsubscribe(Connection connection, JsonObject message) {
        List<String> inboxIds = message.stringList("inbox_ids").applyTo(null);
        EventFilter left = streams.unsubscribe(connection.caller, connection.id, connection.filter, inboxIds);
        connection.filter = left;
        send(connection, Replies.unsubscribed(inboxIds == null ? List.of() : inboxIds));
    }

    private void deliver(Connection connection, LoggedEvent logged) {
        if (!connection.registered() || connection.replayed.remove(logged.position())) {
            return;
        }
        if (connection.filter.hears(logged.event(), connection.caller.scope())) {
            send(connection, new String(payloads.payload(logged.event(), 1, clock.instant()), StandardCharsets.UTF_8));
        }
    }

    private void checkKey(Connection connection) {
        if (!connection.registered()) {
            return;
        }
        try {
            if (!streams.stillValid(connection.caller)) {
                refuse(connection, 4001, "API key revoked", "The API key of this connection was revoked or replaced;"
                        + " connect again with a valid key.");
            }
        } catch (RuntimeException e) {
            LOG.warn("The key of a WebSocket connection could not be checked; checking again later", e);
        }
    }

    /** Sends an {@code error} message, then closes with {@code code}. */
    private void refuse(Connection connection, int code, String reason, String message) {
        if (connection.closed.get()) {
            return;
        }
        send(connection, Replies.error(message));
        close(connection, code, reason);
    }

    private void forget(Connection connection) {
        if (!connection.forgotten.compareAndSet(false, true)) {
            return;
        }
        Caller caller = connection.caller;
        if (caller == null) {
            return;
        }
        byAccount.computeIfPresent(caller.accountId(), (account, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
        SubscriberId id = connection.id;
        if (id != null && !stopping) {
            try {
                streams.disconnect(caller, id);
            } catch (RuntimeException e) {
                LOG.warn("A closed WebSocket connection could not be forgotten; it lapses within {}",
                        Subscriber.DEAD_AFTER, e);
            }
        }
    }

    private static void send(Connection connection, String text) {
        if (connection.closed.get() || !connection.session.isOpen()) {
            return;
        }
        try {
            connection.session.sendSync(text);
        } catch (RuntimeException e) {
            LOG.debug("A WebSocket message could not be sent", e);
        }
    }

    private void close(Connection connection, int code, String reason) {
        if (!connection.closed.compareAndSet(false, true)) {
            return;
        }
        bySession.remove(connection.session.getId());
        try {
            connection.session.close(new CloseReason(code, reason));
        } catch (RuntimeException e) {
            LOG.debug("A WebSocket connection could not be closed cleanly", e);
        }
        connection.queue.offer(() -> forget(connection), Integer.MAX_VALUE);
    }

    // ---- the timer

    /**
     * Starts following the log at its present end, unless it is followed already; the caller holds {@code following}.
     * Positions just below the end that are not visible yet are gaps, as their transactions may still commit.
     */
    private void startFollowing(Instant now) {
        if (tail != null) {
            return;
        }
        long head = log.lastPosition();
        long floor = Math.max(0, head - START_WINDOW);
        List<LoggedEvent> window = log.after(floor, START_WINDOW + READ_BATCH);
        tail = LogTail.startingAt(floor, head, window, now);
        dispatch(tail.accept(window, now));
    }

    /** Reads what the log gained since the last poll and hands each new event to its account's connections. */
    private void poll() {
        try {
            synchronized (following) {
                if (byAccount.isEmpty()) {
                    tail = null;
                    return;
                }
                Instant now = clock.instant();
                startFollowing(now);
                long after = tail.readAfter(now);
                while (true) {
                    List<LoggedEvent> batch = log.after(after, READ_BATCH);
                    dispatch(tail.accept(batch, now));
                    if (batch.size() < READ_BATCH) {
                        break;
                    }
                    after = batch.get(batch.size() - 1).position();
                }
                long settled = tail.settledThrough();
                for (Set<Connection> connections : byAccount.values()) {
                    for (Connection connection : connections) {
                        if (connection.holdsReplayed) {
                            connection.queue.offer(() -> prune(connection, settled), Integer.MAX_VALUE);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("The event log could not be read for the WebSocket connections; reading again", e);
        }
    }

    private void dispatch(List<LoggedEvent> events) {
        for (LoggedEvent logged : events) {
            for (Connection connection : byAccount.getOrDefault(logged.event().accountId(), Set.of())) {
                if (!connection.queue.offer(() -> deliver(connection, logged), Connection.QUEUE_LIMIT)) {
                    close(connection, CloseReason.POLICY_VIOLATION.getCode(), "too slow to take events");
                }
            }
        }
    }

    /** Protocol pings, dead peers, and key checks, for every registered connection. */
    private void tick() {
        try {
            long now = System.nanoTime();
            for (Connection connection : bySession.values()) {
                if (!connection.registered()) {
                    continue;
                }
                long sentAt = connection.pingSentAt;
                if (sentAt >= 0 && now - sentAt > settings.pongTimeout.toNanos()) {
                    close(connection, CloseReason.POLICY_VIOLATION.getCode(), "no pong within "
                            + settings.pongTimeout.toSeconds() + " s");
                    continue;
                }
                if (now - connection.nextPing >= 0) {
                    connection.nextPing = now + settings.pingInterval.toNanos();
                    if (sentAt < 0) {
                        connection.pingSentAt = now;
                        connection.session.sendPingAsync(PING);
                    }
                }
                if (now - connection.nextKeyCheck >= 0) {
                    connection.nextKeyCheck = now + settings.keyCheckInterval.toNanos();
                    connection.queue.offer(() -> checkKey(connection), Integer.MAX_VALUE);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("WebSocket upkeep failed; trying again", e);
        }
    }

    private void heartbeat() {
        if (byAccount.isEmpty()) {
            return;
        }
        try {
            log.heartbeat(instance);
        } catch (RuntimeException e) {
            LOG.warn("The WebSocket connections of this process could not be marked alive; trying again", e);
        }
    }

    /** The server stops: every connection is closed with 1001, and this process's connections are forgotten. */
    @PreDestroy
    void stop() {
        stopping = true;
        timer.shutdownNow();
        for (Connection connection : List.copyOf(bySession.values())) {
            close(connection, CloseReason.GOING_AWAY.getCode(), "server shutting down; reconnect");
        }
        try {
            log.forget(instance);
        } catch (RuntimeException e) {
            LOG.warn("The WebSocket connections of this process could not be forgotten; they lapse within {}",
                    Subscriber.DEAD_AFTER, e);
        }
        pool.shutdown();
    }

    /** How many connections this process has registered, for tests. */
    int registered() {
        return byAccount.values().stream().mapToInt(Set::size).sum();
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
