package dev.openmail.adapters.smtpout.direct;

import dev.openmail.adapters.smtpout.EnvelopeCheck;
import dev.openmail.domain.net.PublicAddresses;
import dev.openmail.domain.port.out.DnsLookup;
import dev.openmail.domain.port.out.DnsLookup.MxRecord;
import dev.openmail.domain.port.out.DnsUnavailableException;
import dev.openmail.domain.port.out.TransmitMail;
import java.io.IOException;
import java.net.IDN;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each envelope to its recipient domain's mail exchangers (RFC 5321 5.1), without a relay.
 *
 * <ul>
 *   <li><b>Routes.</b> MX records through {@link DnsLookup}, in preference order (equal preferences shuffled); no MX:
 *       the domain's own addresses; the null MX ({@code 0 .}, RFC 7505) or a domain with neither fails for good; a DNS
 *       failure defers. Every host address comes from the same resolver, never from the JVM's.</li>
 *   <li><b>Targets.</b> An address that is not on the public internet ({@link PublicAddresses}) is not connected to,
 *       unless private targets are allowed; the address checked is the one connected to.</li>
 *   <li><b>TLS.</b> STARTTLS whenever offered, without checking the certificate; a failed handshake is retried in
 *       plain on a new connection. Under an enforced MTA-STS policy ({@link MtaStsPolicies}) only the mail exchangers
 *       it names are used, and only over TLS whose certificate verifies for the exchanger's name; none left defers.</li>
 *   <li><b>Limits.</b> At most {@code connectionsPerDomain} connections per recipient domain across the process: past
 *       it, envelopes are {@link Outcome#NOT_TRIED} at once. An exchanger that could not be connected to is left alone
 *       for {@code hostDownFor}; a domain whose exchangers are all left alone is deferred without connecting.</li>
 *   <li><b>Reuse.</b> After a call, connections stay open for {@code idleFor} and the next call to the same exchanger
 *       takes one after an RSET has shown it alive; a background sweep closes those past their time.</li>
 *   <li><b>Parallel domains.</b> The domains of one call are delivered at once on a bounded pool, so that a slow
 *       one holds up only its own envelopes. Every network step is bounded ({@link DeliverySettings}).</li>
 * </ul>
 */
public final class DirectDelivery implements TransmitMail, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectDelivery.class);
    private static final int MAX_REASON_CHARS = 1000;
    /**
     * Connection attempts per domain and call, as Postfix's {@code smtp_mx_address_limit}: a domain that publishes a
     * hundred unreachable exchangers costs five timeouts, not a hundred.
     */
    static final int MAX_ATTEMPTS_PER_DOMAIN = 5;

    private final DnsLookup dns;
    private final DeliverySettings settings;
    private final Clock clock;
    private final TlsContexts tls;
    private final MtaStsPolicies policies;
    private final ScheduledExecutorService timers;
    private final ThreadPoolExecutor domainsPool;
    private final Map<String, AtomicInteger> openPerDomain = new ConcurrentHashMap<>();
    private final Map<String, Instant> downUntil = new ConcurrentHashMap<>();
    private final Map<String, Deque<SmtpSession>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public DirectDelivery(DnsLookup dns, DeliverySettings settings) {
        this(dns, settings, Clock.systemUTC());
    }

    DirectDelivery(DnsLookup dns, DeliverySettings settings, Clock clock) {
        this.dns = dns;
        this.settings = settings;
        this.clock = clock;
        this.tls = TlsContexts.create(settings.trustPem());
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon("delivery-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timers = scheduler;
        this.policies = new MtaStsPolicies(dns, tls, settings.mtaStsPort(), settings.policyFetchTimeout(),
                settings.allowPrivateTargets(), timers, clock);
        this.domainsPool = new ThreadPoolExecutor(0, settings.parallelDomains(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon("delivery-domain"),
                // when every thread is busy, or after close, the caller delivers that domain itself: never dropped
                (task, executor) -> task.run());
        long sweep = Math.max(100, settings.idleFor().toMillis() / 2);
        timers.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    public DeliverySettings settings() {
        return settings;
    }

    @Override
    public List<RecipientResult> transmit(byte[] raw, List<Envelope> envelopes) {
        RecipientResult[] results = new RecipientResult[envelopes.size()];
        Map<String, List<Integer>> byDomain = new LinkedHashMap<>();
        for (int i = 0; i < envelopes.size(); i++) {
            Envelope envelope = envelopes.get(i);
            String refusal = EnvelopeCheck.refusal(envelope);
            String domain = refusal == null ? asciiDomain(envelope.to()) : null;
            if (refusal != null || domain == null) {
                results[i] = new RecipientResult(envelope.to(), Outcome.FAILED,
                        refusal != null ? refusal : "the recipient's domain is not a valid host name", "");
            } else {
                byDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(i);
            }
        }
        List<Map.Entry<String, Future<List<RecipientResult>>>> running = new ArrayList<>();
        Map.Entry<String, List<Integer>> inCaller = null;
        for (Map.Entry<String, List<Integer>> entry : byDomain.entrySet()) {
            if (inCaller == null) {
                // one domain runs on the calling thread, the others beside it
                inCaller = entry;
                continue;
            }
            List<Envelope> group = entry.getValue().stream().map(envelopes::get).toList();
            running.add(Map.entry(entry.getKey(),
                    domainsPool.submit(() -> deliverToDomain(entry.getKey(), raw, group))));
        }
        if (inCaller != null) {
            place(results, inCaller.getValue(),
                    deliverToDomain(inCaller.getKey(), raw, inCaller.getValue().stream().map(envelopes::get).toList()));
        }
        for (Map.Entry<String, Future<List<RecipientResult>>> task : running) {
            List<Integer> indexes = byDomain.get(task.getKey());
            try {
                place(results, indexes, task.getValue().get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                task.getValue().cancel(true);
                place(results, indexes, all(indexes.stream().map(envelopes::get).toList(), Outcome.DEFERRED,
                        "delivery was interrupted", ""));
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                LOG.warn("delivery to {} failed unexpectedly", task.getKey(), e);
                place(results, indexes, all(indexes.stream().map(envelopes::get).toList(), Outcome.DEFERRED,
                        "delivery failed unexpectedly: " + e, ""));
            }
        }
        return List.of(results);
    }

    private static void place(RecipientResult[] results, List<Integer> indexes, List<RecipientResult> domainResults) {
        for (int i = 0; i < indexes.size(); i++) {
            results[indexes.get(i)] = domainResults.get(i);
        }
    }

    /** Every envelope of one domain, in order; never throws. */
    List<RecipientResult> deliverToDomain(String domain, byte[] raw, List<Envelope> envelopes) {
        if (closed) {
            return all(envelopes, Outcome.NOT_TRIED, "the server is shutting down", "");
        }
        try {
            return routeAndDeliver(domain, raw, envelopes);
        } catch (RuntimeException e) {
            LOG.warn("delivery to {} failed unexpectedly", domain, e);
            return all(envelopes, Outcome.DEFERRED, "delivery failed unexpectedly: " + e, "");
        }
    }

    private List<RecipientResult> routeAndDeliver(String domain, byte[] raw, List<Envelope> envelopes) {
        List<String> hosts;
        try {
            List<MxRecord> mx = dns.mx(domain);
            if (mx.size() == 1 && mx.get(0).exchange().isEmpty()) {
                return all(envelopes, Outcome.FAILED,
                        domain + " accepts no mail: it publishes the null MX (RFC 7505)", "");
            }
            hosts = mx.isEmpty() ? List.of(domain) : preferenceOrder(mx);
            if (mx.isEmpty() && dns.addresses(domain).isEmpty()) {
                return all(envelopes, Outcome.FAILED,
                        domain + " has neither MX records nor an address: it does not exist or takes no mail", "");
            }
        } catch (DnsUnavailableException e) {
            return all(envelopes, Outcome.DEFERRED, "DNS lookup failed: " + e.getMessage(), "");
        }
        if (hosts.isEmpty()) {
            return all(envelopes, Outcome.FAILED, domain + " accepts no mail: its MX records name no host", "");
        }

        List<String> reasons = new ArrayList<>();
        MtaStsPolicy policy = policies.policyFor(domain);
        boolean enforced = policy != null && policy.enforced();
        if (enforced) {
            List<String> allowed = new ArrayList<>();
            for (String host : hosts) {
                if (policy.allows(host)) {
                    allowed.add(host);
                } else {
                    reasons.add(host + " is not named by the MTA-STS policy of " + domain);
                }
            }
            hosts = allowed;
            if (hosts.isEmpty()) {
                return all(envelopes, Outcome.DEFERRED, "MTA-STS policy of " + domain + " (enforce) names none of "
                        + "its MX hosts, so none is used: " + String.join("; ", reasons), "");
            }
        }

        Instant now = clock.instant();
        Instant earliestRetry = null;
        for (String host : hosts) {
            Instant until = downUntil.get(host);
            if (until == null || !until.isAfter(now)) {
                earliestRetry = null;
                break;
            }
            earliestRetry = earliestRetry == null || until.isBefore(earliestRetry) ? until : earliestRetry;
        }
        if (earliestRetry != null) {
            return all(envelopes, Outcome.DEFERRED, "host down, not retried before " + wholeSecond(earliestRetry),
                    "");
        }

        if (!acquire(domain)) {
            return all(envelopes, Outcome.NOT_TRIED, settings.connectionsPerDomain()
                    + " connections to " + domain + " are open already; not tried now", "");
        }
        try {
            return deliverOverHosts(domain, raw, envelopes, hosts, enforced, reasons);
        } finally {
            release(domain);
        }
    }

    private List<RecipientResult> deliverOverHosts(String domain, byte[] raw, List<Envelope> envelopes,
            List<String> hosts, boolean enforced, List<String> reasons) {
        RecipientResult[] results = new RecipientResult[envelopes.size()];
        String lastHost = "";
        int attempts = 0;
        for (String host : hosts) {
            if (attempts >= MAX_ATTEMPTS_PER_DOMAIN) {
                reasons.add("gave up after " + attempts + " connection attempts");
                break;
            }
            Instant down = downUntil.get(host);
            if (down != null && down.isAfter(clock.instant())) {
                reasons.add(host + " is down, not retried before " + wholeSecond(down));
                continue;
            }
            List<InetAddress> addresses;
            try {
                addresses = dns.addresses(host);
            } catch (DnsUnavailableException e) {
                reasons.add("DNS lookup of " + host + " failed: " + e.getMessage());
                continue;
            }
            if (addresses.isEmpty()) {
                reasons.add(host + " has no address");
                continue;
            }
            boolean reached = false;
            boolean connectFailed = false;
            for (InetAddress address : addresses) {
                if (attempts >= MAX_ATTEMPTS_PER_DOMAIN) {
                    break;
                }
                PublicAddresses.Classification kind = PublicAddresses.classify(address);
                if (!settings.allowPrivateTargets() && !kind.isPublic()) {
                    reasons.add("MX host " + host + " resolves to " + kind.appositive()
                            + ", which is not connected to (OPENMAIL_DELIVERY_ALLOW_PRIVATE_TARGETS)");
                    continue;
                }
                lastHost = host;
                attempts++;
                SmtpSession session;
                try {
                    session = open(host, address, enforced, reasons);
                } catch (IOException e) {
                    connectFailed = true;
                    reasons.add(host + " [" + address.getHostAddress() + "]: " + describe(e));
                    continue;
                }
                if (session == null) {
                    continue;
                }
                reached = true;
                boolean keep = transactions(session, raw, envelopes, results, reasons);
                if (keep) {
                    offer(session);
                } else {
                    session.quit();
                }
                if (remaining(results) == 0) {
                    return List.of(results);
                }
            }
            if (connectFailed && !reached) {
                Instant until = clock.instant().plus(settings.hostDownFor());
                downUntil.put(host, until);
            }
        }
        String reason = reasons.isEmpty() ? "no mail exchanger of " + domain + " could be reached"
                : String.join("; ", reasons);
        if (reason.length() > MAX_REASON_CHARS) {
            reason = reason.substring(0, MAX_REASON_CHARS) + "...";
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                results[i] = new RecipientResult(envelopes.get(i).to(), Outcome.DEFERRED, reason, lastHost);
            }
        }
        return List.of(results);
    }

    /**
     * A session ready for MAIL: a kept one that answers RSET, or a new one after greeting, EHLO and TLS. Null (with a
     * reason) when the host would not take mail or did not meet the policy; throws when it could not be reached.
     */
    private SmtpSession open(String host, InetAddress address, boolean enforced, List<String> reasons)
            throws IOException {
        SmtpSession kept = takeIdle(host, address, enforced);
        if (kept != null) {
            return kept;
        }
        SmtpSession session = greeted(host, address, reasons);
        if (session == null) {
            return null;
        }
        if (!session.supports("STARTTLS")) {
            if (enforced) {
                reasons.add(host + " does not offer STARTTLS, which the MTA-STS policy requires");
                session.quit();
                return null;
            }
            return session;
        }
        try {
            SmtpReply reply = session.startTls(enforced ? tls.verifying() : tls.opportunistic(), enforced);
            if (reply.code() != 220) {
                if (enforced) {
                    reasons.add(host + " refused STARTTLS, which the MTA-STS policy requires: " + reply);
                    session.quit();
                    return null;
                }
                return session;
            }
            SmtpReply hello = session.hello(settings.heloName());
            if (!hello.positive()) {
                reasons.add(host + " answered EHLO after STARTTLS with " + hello);
                session.quit();
                return null;
            }
            return session;
        } catch (IOException e) {
            session.close();
            if (enforced) {
                reasons.add(host + ": TLS as the MTA-STS policy requires failed (certificate not valid for " + host
                        + "?): " + describe(e));
                return null;
            }
            // as Postfix does: a failed handshake is tried again without TLS on a new connection
            LOG.debug("TLS with {} failed, trying without: {}", host, e.toString());
            return greeted(host, address, reasons);
        }
    }

    private SmtpSession greeted(String host, InetAddress address, List<String> reasons) throws IOException {
        SmtpSession session = SmtpSession.connect(host, address, settings.port(), settings.timeout(), timers);
        try {
            SmtpReply greeting = session.greeting();
            if (!greeting.positive()) {
                reasons.add(host + " greeted with " + greeting);
                session.quit();
                return null;
            }
            SmtpReply hello = session.hello(settings.heloName());
            if (!hello.positive()) {
                reasons.add(host + " answered EHLO with " + hello);
                session.quit();
                return null;
            }
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * One transaction per envelope still open; answers whether the session may be kept for reuse. An envelope whose
     * transaction the connection broke in is deferred; the ones after it stay open for the next address or host.
     */
    private boolean transactions(SmtpSession session, byte[] raw, List<Envelope> envelopes,
            RecipientResult[] results, List<String> reasons) {
        boolean eightBit = hasEightBitBytes(raw);
        for (int i = 0; i < envelopes.size(); i++) {
            if (results[i] != null) {
                continue;
            }
            Envelope envelope = envelopes.get(i);
            try {
                results[i] = transaction(session, raw, envelope, eightBit);
            } catch (IOException e) {
                String reason = session.host() + ": connection lost: " + describe(e);
                results[i] = new RecipientResult(envelope.to(), Outcome.DEFERRED, reason, session.host());
                reasons.add(reason);
                return false;
            }
            if (session.broken()) {
                reasons.add(session.host() + " closed the connection: " + results[i].reply());
                return false;
            }
        }
        return !session.broken();
    }

    private RecipientResult transaction(SmtpSession session, byte[] raw, Envelope envelope, boolean eightBit)
            throws IOException {
        String host = session.host();
        String from = envelope.from();
        String to = forwardPath(envelope.to());
        boolean utf8 = !isAscii(from) || !isAscii(to);
        if (utf8 && !session.supports("SMTPUTF8")) {
            return new RecipientResult(envelope.to(), Outcome.FAILED, "the address needs SMTPUTF8 (RFC 6531), which "
                    + host + " does not offer", host);
        }
        String parameters = (eightBit && session.supports("8BITMIME") ? "BODY=8BITMIME" : "")
                + (utf8 ? (eightBit && session.supports("8BITMIME") ? " " : "") + "SMTPUTF8" : "");
        session.resetIfNeeded();
        SmtpReply reply = session.mail(from, parameters);
        if (reply.positive()) {
            reply = session.rcpt(to);
            if (reply.positive()) {
                reply = session.data(raw, settings.dataEndTimeout());
            }
        }
        // a transaction left open (a refused recipient or DATA) is reset before the next one, or by the next user
        return new RecipientResult(envelope.to(), outcomeOf(reply), reply.text(), host);
    }

    private static Outcome outcomeOf(SmtpReply reply) {
        if (reply.positive()) {
            return Outcome.DELIVERED;
        }
        return reply.permanentFailure() ? Outcome.FAILED : Outcome.DEFERRED;
    }

    // ---- connection reuse

    private static String poolKey(String host, InetAddress address) {
        return host + "/" + address.getHostAddress();
    }

    private SmtpSession takeIdle(String host, InetAddress address, boolean needsVerifiedTls) {
        Deque<SmtpSession> sessions = idle.get(poolKey(host, address));
        if (sessions == null) {
            return null;
        }
        while (true) {
            SmtpSession session;
            synchronized (sessions) {
                session = sessions.pollFirst();
            }
            if (session == null) {
                return null;
            }
            if (session.idleFor().compareTo(settings.idleFor()) >= 0 || (needsVerifiedTls && !session.verified())) {
                session.quit();
                continue;
            }
            try {
                if (session.reset().positive()) {
                    return session;
                }
            } catch (IOException e) {
                LOG.debug("a kept connection to {} is dead: {}", host, e.toString());
            }
            session.close();
        }
    }

    private void offer(SmtpSession session) {
        if (closed) {
            session.quit();
            return;
        }
        session.markIdle();
        Deque<SmtpSession> sessions = idle.computeIfAbsent(poolKey(session.host(), session.address()),
                key -> new ArrayDeque<>());
        boolean kept;
        synchronized (sessions) {
            kept = sessions.size() < settings.connectionsPerDomain();
            if (kept) {
                sessions.addFirst(session);
            }
        }
        if (!kept) {
            session.quit();
        }
    }

    /** Closes the kept connections whose time is up, and forgets hosts no longer down and policies past max_age. */
    private void sweep() {
        try {
            for (Deque<SmtpSession> sessions : idle.values()) {
                List<SmtpSession> expired = new ArrayList<>();
                synchronized (sessions) {
                    sessions.removeIf(session -> {
                        boolean old = session.idleFor().compareTo(settings.idleFor()) >= 0;
                        if (old) {
                            expired.add(session);
                        }
                        return old;
                    });
                }
                expired.forEach(SmtpSession::quit);
            }
            idle.values().removeIf(sessions -> {
                synchronized (sessions) {
                    return sessions.isEmpty();
                }
            });
            Instant now = clock.instant();
            downUntil.values().removeIf(until -> !until.isAfter(now));
            policies.sweep();
        } catch (RuntimeException e) {
            LOG.warn("sweeping kept SMTP connections failed", e);
        }
    }

    /** Connections kept open for reuse now, for tests. */
    int idleConnections() {
        return idle.values().stream().mapToInt(sessions -> {
            synchronized (sessions) {
                return sessions.size();
            }
        }).sum();
    }

    /** Whether {@link #close()} has run. */
    public boolean closed() {
        return closed;
    }

    /** Closes every kept connection and stops the background threads. */
    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        domainsPool.shutdownNow();
        for (Deque<SmtpSession> sessions : idle.values()) {
            List<SmtpSession> all;
            synchronized (sessions) {
                all = new ArrayList<>(sessions);
                sessions.clear();
            }
            all.forEach(SmtpSession::close);
        }
    }

    // ---- per-domain cap and hosts down

    private boolean acquire(String domain) {
        boolean[] granted = {false};
        openPerDomain.compute(domain, (key, count) -> {
            int now = count == null ? 0 : count.get();
            if (now >= settings.connectionsPerDomain()) {
                return count;
            }
            granted[0] = true;
            return new AtomicInteger(now + 1);
        });
        return granted[0];
    }

    private void release(String domain) {
        openPerDomain.computeIfPresent(domain, (key, count) -> count.get() <= 1 ? null
                : new AtomicInteger(count.get() - 1));
    }

    /** The instant rounded up to a whole second, so that "not before" holds. */
    private static Instant wholeSecond(Instant instant) {
        Instant down = instant.truncatedTo(ChronoUnit.SECONDS);
        return down.equals(instant) ? down : down.plusSeconds(1);
    }


    // ---- routes and addresses

    /** MX hosts by preference, equal preferences in random order; null MX entries among others are dropped. */
    private static List<String> preferenceOrder(List<MxRecord> records) {
        List<MxRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        shuffled.sort(Comparator.comparingInt(MxRecord::priority));
        java.util.Set<String> hosts = new java.util.LinkedHashSet<>();
        for (MxRecord record : shuffled) {
            if (!record.exchange().isEmpty()) {
                hosts.add(record.exchange());
            }
        }
        return List.copyOf(hosts);
    }

    /** The recipient's domain in lower-case ASCII (A-labels), or null when it is no host name. */
    static String asciiDomain(String recipient) {
        int at = recipient.lastIndexOf('@');
        if (at <= 0 || at == recipient.length() - 1) {
            return null;
        }
        String domain = recipient.substring(at + 1);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, 0).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return isHostName(ascii) ? ascii : null;
    }

    /** Letters, digits and hyphens in labels of 1 to 63 characters, at least two labels, at most 253 characters. */
    private static boolean isHostName(String name) {
        if (name.isEmpty() || name.length() > 253 || name.indexOf('.') < 0) {
            return false;
        }
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                int length = i - labelStart;
                if (length == 0 || length > 63 || name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else {
                char c = name.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The recipient with its domain as A-labels when only the domain is not ASCII, so SMTPUTF8 is not needed. */
    private static String forwardPath(String recipient) {
        int at = recipient.lastIndexOf('@');
        String local = recipient.substring(0, at);
        if (!isAscii(local)) {
            return recipient;
        }
        return local + "@" + asciiDomain(recipient);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasEightBitBytes(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static int remaining(RecipientResult[] results) {
        int open = 0;
        for (RecipientResult result : results) {
            if (result == null) {
                open++;
            }
        }
        return open;
    }

    private static List<RecipientResult> all(List<Envelope> envelopes, Outcome outcome, String reply, String host) {
        return envelopes.stream().map(e -> new RecipientResult(e.to(), outcome, reply, host)).toList();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind + ": " + message;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
