package dev.openmail.domain.usage;

import dev.openmail.domain.common.InvalidInputException;

import java.util.Locale;

/**
 * How many bytes an inbox or an account may hold; 0 means no limit. What counts is {@link StoredSize}: the raw message
 * plus its attachments as stored.
 */
public record StorageQuota(long bytes) {

    public static final StorageQuota UNLIMITED = new StorageQuota(0);
    /** Large enough for any disk, small enough that adding a message's size can never overflow. */
    public static final long MAX = 1L << 50;

    public StorageQuota {
        if (bytes < 0 || bytes > MAX) {
            throw new InvalidInputException("storageQuotaBytes", "storageQuotaBytes must be an integer from 0 (no "
                    + "limit) to " + MAX + ".");
        }
    }

    /**
     * Reads a size such as {@code 1073741824}, {@code 500M}, {@code 10G}, {@code 512k} (binary multiples: K = 1024), or
     * {@code 0} / {@code unlimited} for no limit.
     */
    public static StorageQuota parse(String setting, String name) {
        String text = setting == null ? "" : setting.strip().toUpperCase(Locale.ROOT);
        if (text.equals("UNLIMITED")) {
            return UNLIMITED;
        }
        long multiplier = 1;
        if (!text.isEmpty()) {
            switch (text.charAt(text.length() - 1)) {
                case 'K' -> multiplier = 1L << 10;
                case 'M' -> multiplier = 1L << 20;
                case 'G' -> multiplier = 1L << 30;
                case 'T' -> multiplier = 1L << 40;
                default -> multiplier = 1;
            }
            if (multiplier > 1) {
                text = text.substring(0, text.length() - 1);
            }
        }
        if (text.isEmpty() || text.length() > 16 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(name + " must be a number of bytes with an optional K, M, G or T "
                    + "suffix (e.g. 10G), or 0 or 'unlimited' for no limit; got '" + setting + "'.");
        }
        long value = Long.parseLong(text);
        if (value > MAX / multiplier) {
            throw new IllegalArgumentException(name + " is larger than " + MAX + " bytes; got '" + setting + "'.");
        }
        return new StorageQuota(value * multiplier);
    }

    public boolean isUnlimited() {
        return bytes == 0;
    }

    /** Whether holding {@code used} bytes leaves no room at all (at or over the quota). */
    public boolean isReachedBy(long used) {
        return !isUnlimited() && used >= bytes;
    }

    /** Whether {@code adding} more bytes on top of {@code used} stays within the quota. */
    public boolean admits(long used, long adding) {
        return isUnlimited() || used + adding <= bytes;
    }

    /** Whether a message of this size could ever fit, even into an empty inbox or account. */
    public boolean couldEverHold(long size) {
        return isUnlimited() || size <= bytes;
    }
}
