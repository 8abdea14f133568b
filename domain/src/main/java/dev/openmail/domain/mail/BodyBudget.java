package dev.openmail.domain.mail;

import java.util.Arrays;
import java.util.List;

/**
 * The most characters of message bodies (text and HTML together) one answer carries, so that reading a thread of
 * thousands of 20 MB messages never holds more than this in memory. The budget is shared fairly: every body gets the
 * same cap (the {@link #level}), as high as the budget allows, so that short bodies come whole and only the longest
 * are cut. A cut body is marked on its message ({@link BoundedMessage}); the raw message has all of it.
 */
public record BodyBudget(long maxChars) {

    /** No cap: every body whole. */
    public static final BodyBudget UNLIMITED = new BodyBudget(Long.MAX_VALUE);

    public BodyBudget {
        if (maxChars < 1) {
            throw new IllegalArgumentException("a body budget must be at least one character: " + maxChars);
        }
    }

    /**
     * The cap on each body such that the bodies of these lengths, each cut to it, total at most the budget; the
     * highest such cap, or {@link Integer#MAX_VALUE} when all of them fit whole.
     */
    public int level(List<Long> bodyLengths) {
        long[] sorted = bodyLengths.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        long remaining = maxChars;
        for (int i = 0; i < sorted.length; i++) {
            long share = remaining / (sorted.length - i);
            if (sorted[i] > share) {
                return (int) Math.min(Integer.MAX_VALUE, share);
            }
            remaining -= sorted[i];
        }
        return Integer.MAX_VALUE;
    }

    /**
     * The body cut to at most {@code level} characters, one less rather than half of a surrogate pair; null stays
     * null.
     */
    public static String cut(String body, int level) {
        if (body == null || body.length() <= level) {
            return body;
        }
        int end = level > 0 && Character.isHighSurrogate(body.charAt(level - 1)) ? level - 1 : level;
        return body.substring(0, end);
    }
}
