package dev.openmail.application.fakes;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.Suppressions;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Suppression lists in memory, reached through {@link InMemoryStore#suppressions()}. Unlike the store's other rows
 * these are not taken back when a transaction fails.
 */
public final class InMemorySuppressions implements Suppressions {

    private record Key(AccountId accountId, String address) {
    }

    private final Map<Key, Suppression> rows = new LinkedHashMap<>();

    InMemorySuppressions() {
    }

    @Override
    public synchronized Page<Suppression> page(AccountId accountId, PodId visibleToPodOrNull,
                                               SuppressionType typeOrNull, PageRequest page) {
        List<Suppression> matching = rows.values().stream()
                .filter(row -> row.accountId().equals(accountId))
                .filter(row -> visibleToPodOrNull == null || row.podOrNull() == null
                        || row.podOrNull().equals(visibleToPodOrNull))
                .filter(row -> typeOrNull == null || row.type() == typeOrNull)
                .sorted(Comparator.comparing(Suppression::createdAt).reversed().thenComparing(Suppression::address))
                .toList();
        return new Page<>(matching.stream().skip(page.offset()).limit(page.limit()).toList(), matching.size());
    }

    @Override
    public synchronized Optional<Suppression> find(AccountId accountId, String address) {
        return Optional.ofNullable(rows.get(new Key(accountId, address)));
    }

    @Override
    public synchronized boolean insertIfAbsent(Suppression suppression) {
        return rows.putIfAbsent(new Key(suppression.accountId(), suppression.address()), suppression) == null;
    }

    @Override
    public synchronized boolean remove(AccountId accountId, String address) {
        return rows.remove(new Key(accountId, address)) != null;
    }

    @Override
    public synchronized Optional<Suppression> firstOf(AccountId accountId, Collection<String> addresses) {
        return addresses.stream().map(address -> rows.get(new Key(accountId, normalized(address))))
                .filter(java.util.Objects::nonNull).findFirst();
    }

    private static String normalized(String address) {
        return address == null ? "" : address.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private final Map<Key, Integer> softBounces = new LinkedHashMap<>();

    @Override
    public synchronized int countSoftBounce(AccountId accountId, String address, java.time.Instant at) {
        return softBounces.merge(new Key(accountId, address.strip().toLowerCase(java.util.Locale.ROOT)), 1,
                Integer::sum);
    }
}
