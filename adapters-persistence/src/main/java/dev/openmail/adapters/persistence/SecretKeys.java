package dev.openmail.adapters.persistence;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AES-256 keys that secrets at rest are encrypted with: the current one ({@code OPENMAIL_SECRETS_KEY}, or else the
 * key file {@code OPENMAIL_SECRETS_KEY_FILE}, created with a random key and mode 0600 when missing), and the old ones
 * ({@code OPENMAIL_SECRETS_OLD_KEYS}) that still decrypt during a rotation. Each key is named by a short id derived
 * from it, which every encrypted value carries, so a value says which key it needs without naming the key.
 */
@Singleton
public final class SecretKeys {

    static final String KEY_SETTING = "OPENMAIL_SECRETS_KEY";
    static final String KEY_FILE_SETTING = "OPENMAIL_SECRETS_KEY_FILE";
    static final String OLD_KEYS_SETTING = "OPENMAIL_SECRETS_OLD_KEYS";
    private static final int KEY_BYTES = 32;

    private final String currentId;
    private final Map<String, SecretKey> byId = new LinkedHashMap<>();

    @Inject
    SecretKeys(@Value("${openmail.secrets.key:}") String key,
               @Value("${openmail.secrets.key-file:./data/secrets.key}") String keyFile,
               @Value("${openmail.secrets.old-keys:}") String oldKeys) {
        this(key == null || key.isBlank() ? keyFromFile(Path.of(keyFile.trim())) : decode(KEY_SETTING, key),
                oldKeys);
    }

    private SecretKeys(byte[] current, String oldKeys) {
        this.currentId = idOf(current);
        byId.put(currentId, new SecretKeySpec(current, "AES"));
        for (String old : oldKeys == null ? new String[0] : oldKeys.split(",", -1)) {
            if (!old.isBlank()) {
                byte[] bytes = decode(OLD_KEYS_SETTING, old);
                byId.putIfAbsent(idOf(bytes), new SecretKeySpec(bytes, "AES"));
            }
        }
    }

    /** Keys given as base64 text: the first is the current one, the others old ones. */
    public static SecretKeys of(String current, String... old) {
        return new SecretKeys(decode(KEY_SETTING, current), String.join(",", old));
    }

    /** A new random key in the form the settings take (base64 of 32 bytes). */
    public static String newKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    String currentId() {
        return currentId;
    }

    SecretKey current() {
        return byId.get(currentId);
    }

    Optional<SecretKey> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    private static byte[] decode(String setting, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(setting + " must be base64 of 32 random bytes (for example the output of"
                    + " `openssl rand -base64 32`); it is not valid base64");
        }
        if (key.length != KEY_BYTES) {
            throw new ConfigurationException(setting + " must be base64 of 32 random bytes (for example the output of"
                    + " `openssl rand -base64 32`); it holds " + key.length + " bytes");
        }
        return key;
    }

    private static byte[] keyFromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return decode(KEY_FILE_SETTING + " (" + file.toAbsolutePath() + ")",
                    Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read or create the secrets key file " + file.toAbsolutePath()
                    + " (" + KEY_FILE_SETTING + "): " + e.getMessage() + ". Set " + KEY_SETTING + " or make the file"
                    + " readable.", e);
        }
    }

    /**
     * Written under a temporary name with mode 0600, then linked into place, which fails if the file exists: two
     * processes starting together agree on one key. Where the file system has no hard links, it is moved instead.
     */
    private static void create(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, ".secrets", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, newKey() + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                // its key stands
            } catch (UnsupportedOperationException | FileSystemException noHardLinksHere) {
                try {
                    Files.move(temporary, file);
                } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                    // its key stands
                }
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String idOf(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("openmail secrets key id\0".getBytes(StandardCharsets.US_ASCII));
            byte[] digest = sha256.digest(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
