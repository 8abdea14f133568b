package dev.openmail.domain.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderedIdsTest {

    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

    @Test
    void idsMadeInATightLoopAreWellFormedAndStrictlyIncreasing() {
        String previous = TimeOrderedIds.next();
        for (int i = 0; i < 200_000; i++) {
            String next = TimeOrderedIds.next();
            assertTrue(TimeOrderedIds.isWellFormed(next), next);
            if (next.compareTo(previous) <= 0) {
                throw new AssertionError(next + " does not sort after " + previous);
            }
            previous = next;
        }
    }

    @Test
    void idsMadeOnSeveralThreadsAreUniqueAndOrderedWithinEachThreadAndAfterwards() throws Exception {
        int threads = 8;
        int perThread = 25_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> task = () -> {
                    start.await();
                    List<String> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(TimeOrderedIds.next());
                    }
                    return ids;
                };
                results.add(pool.submit(task));
            }
            start.countDown();

            Set<String> all = new HashSet<>();
            String greatest = "";
            for (Future<List<String>> result : results) {
                List<String> ids = result.get(60, TimeUnit.SECONDS);
                for (int i = 1; i < ids.size(); i++) {
                    assertTrue(ids.get(i).compareTo(ids.get(i - 1)) > 0, "order within one thread");
                }
                for (String id : ids) {
                    assertTrue(TimeOrderedIds.isWellFormed(id), id);
                    if (id.compareTo(greatest) > 0) {
                        greatest = id;
                    }
                }
                all.addAll(ids);
            }
            assertEquals(threads * perThread, all.size(), "every id is unique");
            assertTrue(TimeOrderedIds.next().compareTo(greatest) > 0, "an id made after the others sorts after all of them");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFirstTenCharactersEncodeTheCurrentMillisecond() {
        long before = System.currentTimeMillis();
        String body = TimeOrderedIds.next();
        long after = System.currentTimeMillis();

        long decoded = 0;
        for (int i = 0; i < 10; i++) {
            decoded = (decoded << 5) | ALPHABET.indexOf(body.charAt(i));
        }
        long millis = decoded;
        assertTrue(millis >= before && millis <= after, () -> millis + " not within " + before + ".." + after);
    }

    @Test
    void bodiesUseOnlyLowerCaseCrockfordBase32() {
        for (int i = 0; i < 1_000; i++) {
            String body = TimeOrderedIds.next();
            assertEquals(26, body.length());
            for (char c : body.toCharArray()) {
                assertTrue(ALPHABET.indexOf(c) >= 0, body);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000000000000000000000", "7zzzzzzzzzzzzzzzzzzzzzzzzz", "01hzy3x5k2m7n8p9qrstvwxyz0"})
    void acceptsWellFormedBodies(String body) {
        assertTrue(TimeOrderedIds.isWellFormed(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "0000000000000000000000000",   // 25 characters
            "000000000000000000000000000", // 27 characters
            "80000000000000000000000000",  // more than 48 bits of milliseconds
            "z0000000000000000000000000",
            "01HZY3X5K2M7N8P9QRSTVWXYZ0",  // upper case
            "0000000000000000000000000i",  // i, l, o and u are not in the alphabet
            "0000000000000000000000000l",
            "0000000000000000000000000o",
            "0000000000000000000000000u",
            "000000000000000000000000-0",
            "0000000000000 000000000000"})
    void refusesMalformedBodies(String body) {
        assertFalse(TimeOrderedIds.isWellFormed(body));
    }

    @Test
    void refusesNull() {
        assertFalse(TimeOrderedIds.isWellFormed(null));
    }
}
