package dev.openmail.adapters.persistence;

import jakarta.inject.Singleton;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Secrets at rest (DKIM private keys, webhook secrets): AES-256-GCM with a fresh 96-bit nonce per value, stored as
 * {@code enc:v1:<key id>:<base64(nonce | ciphertext | tag)>}. The additional data is the value's place
 * ({@code table/column/row id}), so a value copied to another row, column or table fails to decrypt rather than
 * being taken for that row's secret. A value without the prefix is plaintext from before encryption, read as it is
 * until {@code SecretsReencryption} encrypts it at the next start. The domain sees plaintext only.
 */
@Singleton
public final class SecretBox {

    public static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeys keys;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(SecretKeys keys) {
        this.keys = keys;
    }

    /** Where a secret is stored; it is bound to its place. */
    public record Place(String table, String column, String rowId) {
        byte[] additionalData() {
            return (table + "/" + column + "/" + rowId).getBytes(StandardCharsets.UTF_8);
        }
    }

    public String seal(String plaintext, Place place) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, keys.current(), nonce, place,
                plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] whole = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        return PREFIX + keys.currentId() + ":" + Base64.getEncoder().encodeToString(whole);
    }

    /** The plaintext of a stored value; fails with a message saying why, never answers garbage. */
    public String open(String stored, Place place) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new SecretUnreadableException("The secret in " + where(place) + " is malformed.");
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        SecretKey key = keys.byId(keyId).orElseThrow(() -> new SecretUnreadableException("The secret in "
                + where(place) + " was encrypted with a key (id " + keyId + ") that is neither "
                + SecretKeys.KEY_SETTING + " nor one of " + SecretKeys.OLD_KEYS_SETTING + "; start the server with"
                + " the key it was encrypted with (as the current key, or among the old keys while rotating)."));
        byte[] whole;
        try {
            whole = Base64.getDecoder().decode(stored.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadableException("The secret in " + where(place) + " is malformed.");
        }
        if (whole.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadableException("The secret in " + where(place) + " is malformed.");
        }
        byte[] plaintext = crypt(Cipher.DECRYPT_MODE, key, Arrays.copyOf(whole, NONCE_BYTES), place,
                Arrays.copyOfRange(whole, NONCE_BYTES, whole.length));
        return new String(plaintext, StandardCharsets.UTF_8);
    }

    /** Whether the value is encrypted with the current key (else it is plaintext or under an old key). */
    public boolean isCurrent(String stored) {
        return stored != null && stored.startsWith(currentPrefix());
    }

    public String currentPrefix() {
        return PREFIX + keys.currentId() + ":";
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] nonce, Place place, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(place.additionalData());
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new SecretUnreadableException("The secret in " + where(place) + " does not decrypt: it was altered,"
                    + " or copied from another row.");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    private static String where(Place place) {
        return place.table() + "." + place.column() + " of row " + place.rowId();
    }

    /** A stored secret that cannot be read: a key missing from the settings, or a value altered or moved. */
    public static final class SecretUnreadableException extends IllegalStateException {
        SecretUnreadableException(String message) {
            super(message);
        }
    }
}
