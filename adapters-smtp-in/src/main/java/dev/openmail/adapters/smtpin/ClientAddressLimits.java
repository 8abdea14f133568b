package dev.openmail.adapters.smtpin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Counts, per client address and in this process only, the open connections and the messages begun in the last
 * minute ({@link SmtpLimits}).
 *
 * <p>As the listener's {@link SessionHandler} it is asked before the greeting: beyond the connection limit the client
 * gets {@code 421 4.7.0} instead of {@code 220} and is closed. SubEthaSMTP calls {@link #onSessionEnd} exactly once for
 * every session it accepted, and never for a refused one. Memory stays bounded: an address's connection count is
 * removed when its last connection closes, and its message allowance once it has been whole again (idle for a minute)
 * when the table is swept, which happens whenever it has grown to twice its size after the last sweep.
 */
final class ClientAddressLimits implements SessionHandler {

    static final String TOO_MANY_CONNECTIONS = "4.7.0 Too many connections from your address, try again later";
    static final String TOO_MANY_MESSAGES = "451 4.7.1 Too many messages from your address, try again later";
    private static final int MIN_SWEEP_SIZE = 1024;
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int maxConnections;
    private final int maxMessagesPerMinute;
    private final AddressRanges exempt;
    private final LongSupplier nanoTime;
    private final SmtpMetrics metrics;
    private final Map<InetAddress, Integer> connections = new ConcurrentHashMap<>();
    private final Set<Session> counted = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Allowance> allowances = new ConcurrentHashMap<>();
    private volatile int sweepAt = MIN_SWEEP_SIZE;

    ClientAddressLimits(SmtpLimits limits) {
        this(limits, SmtpMetrics.none());
    }

    ClientAddressLimits(SmtpLimits limits, SmtpMetrics metrics) {
        this(limits, System::nanoTime, metrics);
    }

    ClientAddressLimits(SmtpLimits limits, LongSupplier nanoTime) {
        this(limits, nanoTime, SmtpMetrics.none());
    }

    ClientAddressLimits(SmtpLimits limits, LongSupplier nanoTime, SmtpMetrics metrics) {
        this.metrics = metrics;
        this.maxConnections = limits.maxConnectionsPerIp();
        this.maxMessagesPerMinute = limits.maxMessagesPerMinutePerIp();
        this.exempt = AddressRanges.parse(limits.exempt());
        this.nanoTime = nanoTime;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress address = address(session);
        if (maxConnections == 0 || address == null || exempt.contains(address)) {
            metrics.sessionOpened();
            return SessionAcceptance.success();
        }
        boolean[] admitted = new boolean[1];
        connections.compute(address, (key, open) -> {
            int now = open == null ? 0 : open;
            admitted[0] = now < maxConnections;
            return admitted[0] ? now + 1 : open;
        });
        if (!admitted[0]) {
            metrics.refused(SmtpMetrics.Refusal.TOO_MANY_CONNECTIONS);
            return SessionAcceptance.failure(421, TOO_MANY_CONNECTIONS);
        }
        counted.add(session);
        metrics.sessionOpened();
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        if (counted.remove(session)) {
            connections.computeIfPresent(address(session), (key, open) -> open <= 1 ? null : open - 1);
        }
    }

    /** Takes one message from the address's allowance; false when there is none left (or it is not limited). */
    boolean tryBeginMessage(Session session) {
        return tryBeginMessage(address(session));
    }

    boolean tryBeginMessage(InetAddress address) {
        if (maxMessagesPerMinute == 0 || address == null || exempt.contains(address)) {
            return true;
        }
        long now = nanoTime.getAsLong();
        if (allowances.size() >= sweepAt) {
            sweep(now);
        }
        Allowance allowance = allowances.computeIfAbsent(address, key -> new Allowance(maxMessagesPerMinute, now));
        return allowance.tryTake(maxMessagesPerMinute, now);
    }

    int openConnections(InetAddress address) {
        return connections.getOrDefault(address, 0);
    }

    int trackedAddresses() {
        return allowances.size();
    }

    private synchronized void sweep(long now) {
        if (allowances.size() < sweepAt) {
            return;
        }
        allowances.values().removeIf(allowance -> allowance.isWhole(maxMessagesPerMinute, now));
        sweepAt = Math.max(MIN_SWEEP_SIZE, allowances.size() * 2);
    }

    private static InetAddress address(Session session) {
        InetSocketAddress remote = session.getRemoteAddress();
        return remote == null ? null : remote.getAddress();
    }

    /** A token bucket of {@code max} messages refilled evenly over a minute. */
    private static final class Allowance {
        private double tokens;
        private long updated;

        Allowance(int max, long now) {
            this.tokens = max;
            this.updated = now;
        }

        synchronized boolean tryTake(int max, long now) {
            refill(max, now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean isWhole(int max, long now) {
            refill(max, now);
            return tokens >= max;
        }

        private void refill(int max, long now) {
            long elapsed = now - updated;
            if (elapsed > 0) {
                tokens = Math.min(max, tokens + (double) elapsed * max / MINUTE_NANOS);
                updated = now;
            }
        }
    }
}
