package dev.openmail.domain.common;

/**
 * A window into an ordered list. The limit is clamped into {@value #MIN_LIMIT}..{@value #MAX_LIMIT}, as clients of the
 * hosted API expect; a negative offset is refused because no clamp would say what the client meant.
 */
public record PageRequest(int limit, long offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MIN_LIMIT = 1;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        limit = Math.max(MIN_LIMIT, Math.min(MAX_LIMIT, limit));
        if (offset < 0) {
            throw new InvalidInputException("offset", "offset must be 0 or a positive integer.");
        }
    }

    public static PageRequest firstPage() {
        return new PageRequest(DEFAULT_LIMIT, 0);
    }
}
