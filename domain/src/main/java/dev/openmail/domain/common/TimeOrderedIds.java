package dev.openmail.domain.common;

import java.security.SecureRandom;

/**
 * Makes the bodies of resource ids: 26 lower-case Crockford base-32 characters, 48 bits of milliseconds followed by
 * 80 random bits (the ULID layout). Ids made later sort after ids made earlier, also within one millisecond, so rows
 * keyed by them are appended to the end of their index.
 */
public final class TimeOrderedIds {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object LOCK = new Object();

    private static long lastMillis = -1;
    private static final byte[] lastRandom = new byte[10];

    private TimeOrderedIds() {
    }

    /** A new id body; never equal to, and always sorting after, any body made before by this process. */
    public static String next() {
        byte[] random = new byte[10];
        long millis;
        synchronized (LOCK) {
            millis = Math.max(System.currentTimeMillis(), lastMillis);
            if (millis == lastMillis) {
                incrementOrCarry();
            } else {
                RANDOM.nextBytes(lastRandom);
                lastMillis = millis;
            }
            System.arraycopy(lastRandom, 0, random, 0, random.length);
            millis = lastMillis;
        }
        return encode(millis, random);
    }

    /** True when {@code body} has the shape of an id body made here. */
    public static boolean isWellFormed(String body) {
        if (body == null || body.length() != 26 || body.charAt(0) > '7') {
            return false;
        }
        for (int i = 0; i < body.length(); i++) {
            if (indexOf(body.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void incrementOrCarry() {
        for (int i = lastRandom.length - 1; i >= 0; i--) {
            if (++lastRandom[i] != 0) {
                return;
            }
        }
        // 2^80 ids in one millisecond: borrow the next millisecond rather than repeat a value.
        lastMillis++;
        RANDOM.nextBytes(lastRandom);
    }

    private static String encode(long millis, byte[] random) {
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits -> 16 characters of 5 bits each.
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (random[i] & 0xff);
        }
        for (int i = 7; i >= 0; i--) {
            out[10 + i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 7; i >= 0; i--) {
            out[18 + i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
