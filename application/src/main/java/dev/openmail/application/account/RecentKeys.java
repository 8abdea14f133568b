package dev.openmail.application.account;

import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.TokenHash;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The keys this process looked up in the last second, so that a client's burst of requests costs one lookup a second
 * rather than one each. Revocation still takes effect at once where it happens and within a second everywhere else:
 * <ul>
 *   <li>an entry is kept for at most {@link #TTL}, counted from before the lookup that read it, so a key revoked on
 *       another process (whose revocation this process cannot hear of) stops working here within that time;</li>
 *   <li>this process forgets every entry once one of its own transactions has revoked a key or removed what keys are
 *       confined to (a pod, an inbox), before it answers that request ({@link #forgetAll()});</li>
 *   <li>what a lookup under way when entries were forgotten read is never served: it may have read the key before
 *       the revocation was committed (each entry carries the generation its lookup began in, and forgetting starts a
 *       new one).</li>
 * </ul>
 * Only keys that exist are kept; an unknown token is looked up every time (and its failures are throttled). The number
 * of entries is bounded: past {@link #MAX_ENTRIES} the map is emptied and starts again.
 */
public final class RecentKeys {

    static final Duration TTL = Duration.ofSeconds(1);
    static final int MAX_ENTRIES = 10_000;

    /** A key, when the lookup that read it began, and the generation it was read in. */
    private record Entry(ApiKey key, long readAtNanos, long generation) {
    }

    private final Map<TokenHash, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final LongSupplier nanoTime;

    public RecentKeys() {
        this(System::nanoTime);
    }

    RecentKeys(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The key for {@code hash}: the one read less than a second ago, or what {@code lookup} finds now. */
    Optional<ApiKey> find(TokenHash hash, Supplier<Optional<ApiKey>> lookup) {
        long now = nanoTime.getAsLong();
        long generationBefore = generation.get();
        Entry entry = entries.get(hash);
        if (entry != null && entry.generation() == generationBefore && now - entry.readAtNanos() < TTL.toNanos()) {
            return Optional.of(entry.key());
        }
        Optional<ApiKey> found = lookup.get();
        if (found.isEmpty()) {
            entries.remove(hash);
            return found;
        }
        remember(hash, found.get(), now, generationBefore);
        return found;
    }

    /** Replaces a remembered key by its newer state (its last use stamped), keeping the time it was read. */
    void update(TokenHash hash, ApiKey key) {
        entries.computeIfPresent(hash, (ignored, entry) -> new Entry(key, entry.readAtNanos(), entry.generation()));
    }

    private void remember(TokenHash hash, ApiKey key, long readAtNanos, long generationBefore) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        // Tagged with the generation the lookup began in: if keys were forgotten while it ran, what it read may
        // predate the revocation, and the entry is never served (find takes only entries of the current generation).
        entries.put(hash, new Entry(key, readAtNanos, generationBefore));
    }

    int size() {
        return entries.size();
    }

    /**
     * Forgets every key: called once a revocation, or the removal of a key's pod or inbox, has ended (committed, or
     * failed in a way that may still have committed).
     */
    public void forgetAll() {
        generation.incrementAndGet();
        entries.clear();
    }
}
