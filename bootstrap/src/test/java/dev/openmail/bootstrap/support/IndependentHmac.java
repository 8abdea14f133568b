package dev.openmail.bootstrap.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 written out from RFC 2104 over a plain SHA-256 digest, so that webhook signatures are checked by code
 * that shares nothing with the server's signing (which uses javax.crypto.Mac).
 */
public final class IndependentHmac {

    private static final int BLOCK = 64;

    private IndependentHmac() {
    }

    /** Lower-case hex of HMAC-SHA256(key, message), both as UTF-8. */
    public static String hex(String key, String message) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (k.length > BLOCK) {
            k = sha256(k);
        }
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            inner[i] = (byte) (b ^ 0x36);
            outer[i] = (byte) (b ^ 0x5c);
        }
        byte[] innerHash = sha256(concat(inner, message.getBytes(StandardCharsets.UTF_8)));
        byte[] mac = sha256(concat(outer, innerHash));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
