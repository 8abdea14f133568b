package dev.openmail.adapters.rest.json;

import java.util.Arrays;

/**
 * A JSON string of base64 read in place in the body's bytes: once to check it and learn its decoded length, once to
 * decode it into an array of exactly that length. Whitespace (space, tab, CR, LF, raw or as JSON escapes) is ignored
 * anywhere; the rules are otherwise those of {@link java.util.Base64#getDecoder()}: padding is optional but, if
 * present, complete and last.
 */
final class Base64Reader {

    private static final int END = -1;
    private static final int INVALID = -2;
    private static final int PAD = -3;
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, INVALID);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
        VALUES['='] = PAD;
    }

    private final byte[] body;
    /** Index of the string's first byte, after the opening quote. */
    private final int start;
    private int position;

    Base64Reader(byte[] body, int start) {
        this.body = body;
        this.start = start;
    }

    /** The index of the closing quote, or the body's length if the string is not closed. */
    int end() {
        int i = start;
        while (i < body.length && body[i] != '"') {
            i += body[i] == '\\' ? 2 : 1;
        }
        return Math.min(i, body.length);
    }

    /** The number of bytes the string decodes to, or -1 if it is not base64. */
    long decodedLength() {
        position = start;
        long symbols = 0;
        int padding = 0;
        boolean complete = false;
        for (int value = next(); value != END; value = next()) {
            if (value == INVALID || complete) {
                return -1;
            }
            int remainder = (int) (symbols % 4);
            if (value != PAD) {
                if (padding > 0) {
                    return -1;
                }
                symbols++;
            } else if (padding == 0 && remainder == 3) {
                padding = 1;
                complete = true;
            } else if (padding == 0 && remainder == 2) {
                padding = 1;
            } else if (padding == 1 && remainder == 2) {
                padding = 2;
                complete = true;
            } else {
                return -1;
            }
        }
        int remainder = (int) (symbols % 4);
        if (remainder == 1 || padding == 1 && !complete) {
            return -1;
        }
        return symbols / 4 * 3 + (remainder == 0 ? 0 : remainder - 1);
    }

    /** The decoded bytes of a string {@link #decodedLength()} has found to be {@code length} bytes of base64. */
    byte[] decode(int length) {
        byte[] decoded = new byte[length];
        position = start;
        int bits = 0;
        int held = 0;
        int out = 0;
        for (int value = next(); value >= 0; value = next()) {
            bits = bits << 6 | value;
            held += 6;
            if (held >= 8) {
                held -= 8;
                decoded[out++] = (byte) (bits >> held);
                bits &= (1 << held) - 1;
            }
        }
        return decoded;
    }

    /** The value of the next base64 symbol, skipping whitespace; or END, INVALID or PAD. */
    private int next() {
        while (position < body.length) {
            int c = body[position++] & 0xff;
            if (c == '"') {
                return END;
            }
            if (c == '\\') {
                c = unescaped();
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            return c >= 0 && c < VALUES.length ? VALUES[c] : INVALID;
        }
        return END;
    }

    /** The character a JSON escape stands for; INVALID for an escape that cannot be base64 or whitespace. */
    private int unescaped() {
        if (position >= body.length) {
            return INVALID;
        }
        int e = body[position++];
        return switch (e) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case '/' -> '/';
            case 'u' -> hex();
            default -> INVALID;
        };
    }

    private int hex() {
        if (position + 4 > body.length) {
            return INVALID;
        }
        int c = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(body[position++], 16);
            if (digit < 0) {
                return INVALID;
            }
            c = c << 4 | digit;
        }
        return c;
    }
}
