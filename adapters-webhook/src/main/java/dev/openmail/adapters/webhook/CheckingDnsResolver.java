package dev.openmail.adapters.webhook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The connection manager's only way from a host to addresses: it resolves the host (address literals too, as the
 * client hands them over as names) and answers only the addresses {@link TargetRule} permits, so the client connects
 * to exactly the addresses that were checked, at the moment it connects. A name that resolves to a public address
 * when checked and to a private one when connected to (DNS rebinding) therefore cannot reach the private one.
 *
 * <p>Lookups run on a small pool of their own so that a hanging resolver cannot hold an attempt past its deadline.
 */
final class CheckingDnsResolver implements DnsResolver, AutoCloseable {

    private static final int MAX_CONCURRENT_LOOKUPS = 32;

    private final HostResolver resolver;
    private final TargetRule rule;
    private final Duration bound;
    private final ExecutorService lookups;
    private final ThreadLocal<Long> deadline = new ThreadLocal<>();

    CheckingDnsResolver(HostResolver resolver, TargetRule rule, Duration bound) {
        this.resolver = resolver;
        this.rule = rule;
        this.bound = bound;
        AtomicInteger threads = new AtomicInteger();
        this.lookups = new ThreadPoolExecutor(0, MAX_CONCURRENT_LOOKUPS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "webhook-dns-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Lookups made by this thread until {@link #clearDeadline()} give up at {@code deadlineNanos} (System.nanoTime). */
    void setDeadline(long deadlineNanos) {
        deadline.set(deadlineNanos);
    }

    void clearDeadline() {
        deadline.remove();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return rule.permitted(host, lookUp(host)).toArray(new InetAddress[0]);
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        InetAddress[] addresses = resolve(host);
        List<InetSocketAddress> endpoints = new ArrayList<>(addresses.length);
        for (InetAddress address : addresses) {
            endpoints.add(new InetSocketAddress(address, port));
        }
        return endpoints;
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        // only asked for SPNEGO authentication, which the webhook client never does; no lookup, no reverse DNS
        return host;
    }

    private InetAddress[] lookUp(String host) throws UnknownHostException {
        Long until = deadline.get();
        long remaining = until == null ? bound.toNanos() : until - System.nanoTime();
        if (remaining <= 0) {
            throw new UnknownHostException("timed out before resolving " + host);
        }
        Future<InetAddress[]> lookup;
        try {
            lookup = lookups.submit(() -> resolver.resolve(host));
        } catch (RejectedExecutionException busy) {
            throw new UnknownHostException("too many host lookups at once to resolve " + host);
        }
        try {
            InetAddress[] addresses = lookup.get(remaining, TimeUnit.NANOSECONDS);
            return addresses == null ? new InetAddress[0] : addresses;
        } catch (TimeoutException slow) {
            lookup.cancel(true);
            throw new UnknownHostException("timed out resolving " + host);
        } catch (InterruptedException interrupted) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnknownHostException("interrupted resolving " + host);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            UnknownHostException unknown = new UnknownHostException("could not resolve " + host);
            unknown.initCause(failed.getCause());
            throw unknown;
        }
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
