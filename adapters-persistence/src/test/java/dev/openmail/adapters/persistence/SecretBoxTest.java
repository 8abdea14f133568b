package dev.openmail.adapters.persistence;

import dev.openmail.adapters.persistence.SecretBox.Place;
import dev.openmail.adapters.persistence.SecretBox.SecretUnreadableException;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretBoxTest {

    private static final String OLD = SecretKeys.newKey();
    private static final String NEW = SecretKeys.newKey();
    private static final Place INBOX = new Place("inboxes", "webhook_secret", "inb_1");
    private static final String SECRET = "whsec_0123456789abcdefghijklmnopqrstuv";

    @Test
    void aSealedSecretIsSelfDescribingHoldsNoPlaintextAndOpensToItself() {
        SecretBox box = new SecretBox(SecretKeys.of(NEW));

        String sealed = box.seal(SECRET, INBOX);

        assertTrue(sealed.matches("enc:v1:[A-Za-z0-9_-]{8}:[A-Za-z0-9+/=]+"), sealed);
        assertFalse(sealed.contains("whsec_"), sealed);
        assertNotEquals(sealed, box.seal(SECRET, INBOX), "a fresh nonce every time");
        assertEquals(SECRET, box.open(sealed, INBOX));
        assertTrue(box.isCurrent(sealed));
        assertEquals(null, box.seal(null, INBOX));
    }

    @Test
    void plaintextFromBeforeEncryptionIsReadAsItIsAndIsNotCurrent() {
        SecretBox box = new SecretBox(SecretKeys.of(NEW));

        assertEquals(SECRET, box.open(SECRET, INBOX));
        assertFalse(box.isCurrent(SECRET));
    }

    @Test
    void anAlteredValueFailsRatherThanDecryptingToGarbage() {
        SecretBox box = new SecretBox(SecretKeys.of(NEW));
        String sealed = box.seal(SECRET, INBOX);
        int at = sealed.lastIndexOf(':') + 1;
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(at));
        bytes[bytes.length / 2] ^= 1;
        String altered = sealed.substring(0, at) + Base64.getEncoder().encodeToString(bytes);

        SecretUnreadableException failure = assertThrows(SecretUnreadableException.class, () -> box.open(altered, INBOX));
        assertTrue(failure.getMessage().contains("altered"), failure.getMessage());
        assertThrows(SecretUnreadableException.class, () -> box.open(sealed.substring(0, at) + "AAAA", INBOX));
    }

    @Test
    void aValueMovedToAnotherRowColumnOrTableDoesNotDecrypt() {
        SecretBox box = new SecretBox(SecretKeys.of(NEW));
        String sealed = box.seal(SECRET, INBOX);

        assertThrows(SecretUnreadableException.class,
                () -> box.open(sealed, new Place("inboxes", "webhook_secret", "inb_2")));
        assertThrows(SecretUnreadableException.class,
                () -> box.open(sealed, new Place("account_webhooks", "secret", "inb_1")));
        assertThrows(SecretUnreadableException.class,
                () -> box.open(sealed, new Place("inboxes", "webhook_url", "inb_1")));
    }

    @Test
    void afterARotationOldValuesStillOpenAndAreNotCurrent() {
        String underOld = new SecretBox(SecretKeys.of(OLD)).seal(SECRET, INBOX);
        SecretBox rotated = new SecretBox(SecretKeys.of(NEW, OLD));

        assertEquals(SECRET, rotated.open(underOld, INBOX));
        assertFalse(rotated.isCurrent(underOld));
        assertTrue(rotated.isCurrent(rotated.seal(SECRET, INBOX)));
    }

    @Test
    void aValueUnderAKeyTheSettingsLackFailsNamingTheSettings() {
        String underOld = new SecretBox(SecretKeys.of(OLD)).seal(SECRET, INBOX);
        SecretBox withoutIt = new SecretBox(SecretKeys.of(NEW));

        SecretUnreadableException failure = assertThrows(SecretUnreadableException.class,
                () -> withoutIt.open(underOld, INBOX));
        assertTrue(failure.getMessage().contains("OPENMAIL_SECRETS_KEY"), failure.getMessage());
        assertTrue(failure.getMessage().contains("OPENMAIL_SECRETS_OLD_KEYS"), failure.getMessage());
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64IsRefusedNamingTheSetting() {
        ConfigurationException shortKey = assertThrows(ConfigurationException.class,
                () -> SecretKeys.of(Base64.getEncoder().encodeToString(new byte[16])));
        assertTrue(shortKey.getMessage().contains("OPENMAIL_SECRETS_KEY"), shortKey.getMessage());
        assertThrows(ConfigurationException.class, () -> SecretKeys.of(NEW, "not base64!"));
    }
}
