package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup of the database holds no DKIM private key and no webhook secret in plaintext: the columns are read here
 * with plain JDBC, past the server. That the server reads them back is shown by the webhook signatures of
 * {@code WebhookSystemTest} and the persistence tests ({@code SecretsAtRestTest}).
 */
class SecretsAtRestSystemTest {

    private final RunningServer server = RunningServer.shared();
    private final TestDatabase database = TestDatabase.mysql();

    @Test
    void anInboxsWebhookSecretIsStoredEncrypted() {
        Account account = server.openAccount();
        Reply created = server.post("/v1/inboxes", account.token(), "{\"webhookUrl\":\"https://hooks.example.com/in\"}");
        assertEquals(201, created.status(), created.body());
        String secret = created.string("webhookSecret");

        String stored = database.queryForString("SELECT webhook_secret FROM inboxes WHERE id = ?", created.string("id"));

        assertTrue(stored.startsWith("enc:v1:"), stored);
        assertFalse(stored.contains(secret.substring("whsec_".length())), stored);
    }

    @Test
    void aDomainsDkimPrivateKeyIsStoredEncryptedAndTheDomainStillReads() {
        Account account = server.openAccount();
        Reply created = server.post("/v1/domains", account.token(),
                "{\"domain\":\"secrets-" + Long.toString(System.nanoTime(), 36) + ".example.com\"}");
        assertEquals(201, created.status(), created.body());
        String id = created.string("id");

        String stored = database.queryForString("SELECT dkim_private_key FROM domains WHERE id = ?", id);

        assertTrue(stored.startsWith("enc:v1:"), stored);
        // The DER of every PKCS#8 RSA key carries the rsaEncryption algorithm identifier, which reads as this in
        // base64. Eighteen characters a random ciphertext practically never holds; a three-character probe can match.
        assertFalse(stored.contains("ANBgkqhkiG9w0BAQEF"), "no PKCS#8 RSA key in base64: " + stored);
        assertEquals(200, server.get("/v1/domains/" + id, account.token()).status());
    }
}
