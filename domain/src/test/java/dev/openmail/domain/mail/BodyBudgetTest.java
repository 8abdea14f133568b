package dev.openmail.domain.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {

    @Test
    void bodiesThatFitAreNotCut() {
        assertEquals(Integer.MAX_VALUE, new BodyBudget(100).level(List.of(10L, 40L, 50L)));
        assertEquals(Integer.MAX_VALUE, new BodyBudget(100).level(List.of()));
    }

    @Test
    void shortBodiesComeWholeAndTheLongestShareWhatIsLeft() {
        // 10 whole, then (100 - 10) / 2 for each of the two long ones
        assertEquals(45, new BodyBudget(100).level(List.of(1_000L, 10L, 5_000L)));
        // equal long bodies split the budget evenly
        assertEquals(25, new BodyBudget(100).level(List.of(30L, 30L, 30L, 30L)));
    }

    @Test
    void theCutBodiesNeverTotalMoreThanTheBudgetAndTheLevelIsTheHighestThatFits() {
        Random random = new Random(14);
        for (int round = 0; round < 2_000; round++) {
            List<Long> lengths = random.ints(1 + random.nextInt(20), 0, 50_000).mapToObj(n -> (long) n).toList();
            long budget = 1 + random.nextInt(200_000);
            int level = new BodyBudget(budget).level(lengths);
            assertEquals(true, total(lengths, level) <= budget, lengths + " at " + level);
            if (level != Integer.MAX_VALUE) {
                assertEquals(true, total(lengths, level + 1) > budget || level + 1 > max(lengths),
                        "a higher level would have fitted: " + lengths + " at " + level);
            }
        }
    }

    @Test
    void aCutNeverEndsInHalfASurrogatePair() {
        String rockets = "ab\uD83D\uDE80\uD83D\uDE80";

        assertEquals("ab", BodyBudget.cut(rockets, 3));
        assertEquals("ab\uD83D\uDE80", BodyBudget.cut(rockets, 4));
        assertEquals(rockets, BodyBudget.cut(rockets, 6));
        assertEquals(null, BodyBudget.cut(null, 0));
    }

    @Test
    void aBudgetHasAtLeastOneCharacter() {
        assertThrows(IllegalArgumentException.class, () -> new BodyBudget(0));
    }

    private static long total(List<Long> lengths, long level) {
        return lengths.stream().mapToLong(length -> Math.min(length, level)).sum();
    }

    private static long max(List<Long> lengths) {
        return lengths.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
