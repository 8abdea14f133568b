package dev.openmail.adapters.persistence;

import dev.openmail.adapters.persistence.SecretBox.SecretUnreadableException;
import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.AccountWebhooks;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.webhook.AccountWebhook;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets at rest over a real database, read back past the adapters with plain JDBC. Each test has a fresh embedded
 * database of its own, since starting with other keys re-encrypts every row of the database.
 */
class SecretsAtRestTest {

    private static final String KEY_A = SecretKeys.newKey();
    private static final String KEY_B = SecretKeys.newKey();
    private static final WebhookSecret SECRET = new WebhookSecret("whsec_0123456789abcdefghijklmnopqrstuv");

    private final TestDatabase database = TestDatabase.h2();

    @Test
    void anAccountsWebhookSecretIsStoredEncryptedAndReadBackInPlaintext() {
        AccountId account;
        try (ApplicationContext context = start(Map.of("openmail.secrets.key", KEY_A))) {
            account = accountWithWebhook(context);
            assertEquals(SECRET, webhooks(context).find(account).orElseThrow().secret());
        }
        String stored = storedSecret(account);
        assertTrue(stored.startsWith("enc:v1:"), stored);
        assertFalse(stored.contains(SECRET.value()), stored);
    }

    @Test
    void plaintextFromBeforeTheChangeIsEncryptedAtTheNextStart() {
        AccountId account;
        try (ApplicationContext context = start(Map.of("openmail.secrets.key", KEY_A))) {
            account = accountWithWebhook(context);
        }
        database.execute("UPDATE account_webhooks SET secret = ? WHERE account_id = ?", SECRET.value(), account.value());

        try (ApplicationContext context = start(Map.of("openmail.secrets.key", KEY_A))) {
            assertTrue(storedSecret(account).startsWith("enc:v1:"), storedSecret(account));
            assertEquals(SECRET, webhooks(context).find(account).orElseThrow().secret());
        }
    }

    @Test
    void plaintextDkimKeysAndInboxSecretsAreEncryptedAtStartToo() {
        AccountId account;
        PodId pod;
        try (ApplicationContext context = start(Map.of("openmail.secrets.key", KEY_A))) {
            account = accountWithWebhook(context);
            Pod created = Pod.create(account, null, null, Instant.now());
            context.getBean(SavePod.class).insert(created);
            pod = created.id();
        }
        database.insertScopedDomain(account.value(), pod.value(), "plain.example.com");
        database.insertInbox(account.value(), pod.value(), "plain@openmail.test");
        String domainId = database.queryForString("SELECT id FROM domains WHERE account_id = ?", account.value());
        String inboxId = database.queryForString("SELECT id FROM inboxes WHERE account_id = ?", account.value());
        database.execute("UPDATE domains SET dkim_private_key = 'MIIEplaintextkey' WHERE id = ?", domainId);
        database.execute("UPDATE inboxes SET webhook_url = 'https://example.com/in', webhook_secret = ? WHERE id = ?",
                SECRET.value(), inboxId);

        try (ApplicationContext context = start(Map.of("openmail.secrets.key", KEY_A))) {
            String dkim = database.queryForString("SELECT dkim_private_key FROM domains WHERE id = ?", domainId);
            String inboxSecret = database.queryForString("SELECT webhook_secret FROM inboxes WHERE id = ?", inboxId);
            assertTrue(dkim.startsWith("enc:v1:") && !dkim.contains("MIIE"), dkim);
            assertTrue(inboxSecret.startsWith("enc:v1:") && !inboxSecret.contains("whsec_"), inboxSecret);
            assertEquals("MIIEplaintextkey", context.getBean(LoadDomains.class).find(account, new DomainId(domainId))
                    .orElseThrow().dkim().privateKeyBase64());
            assertEquals(SECRET, context.getBean(LoadInboxes.class).find(account, new InboxId(inboxId)).orElseThrow()
                    .webhookSecret());
        }
    }

    @Test
    void aRotationReencryptsUnderTheNewKeyAtStartAndTheOldKeyIsThenNoLongerNeeded() {
        AccountId account;
        try (ApplicationContext context = start(Map.of("openmail.secrets.key", KEY_A))) {
            account = accountWithWebhook(context);
        }
        String underA = storedSecret(account);

        try (ApplicationContext context = start(Map.of("openmail.secrets.key", KEY_B,
                "openmail.secrets.old-keys", KEY_A))) {
            assertFalse(storedSecret(account).startsWith(underA.substring(0, 16)), "re-encrypted under the new key");
            assertEquals(SECRET, webhooks(context).find(account).orElseThrow().secret());
        }
        try (ApplicationContext context = start(Map.of("openmail.secrets.key", KEY_B))) {
            assertEquals(SECRET, webhooks(context).find(account).orElseThrow().secret());
        }
    }

    @Test
    void aWrongKeyStopsTheStartWithAMessageNamingTheSetting() {
        try (ApplicationContext context = start(Map.of("openmail.secrets.key", KEY_A))) {
            accountWithWebhook(context);
        }

        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> start(Map.of("openmail.secrets.key", KEY_B)).close());
        assertTrue(messages(failure).contains("OPENMAIL_SECRETS_KEY"), messages(failure));
    }

    @Test
    void aSecretCopiedToAnotherRowIsRefusedNotServed() {
        try (ApplicationContext context = start(Map.of("openmail.secrets.key", KEY_A))) {
            AccountId victim = accountWithWebhook(context);
            AccountId attacker = accountWithWebhook(context);
            database.execute("UPDATE account_webhooks SET secret = ? WHERE account_id = ?", storedSecret(victim),
                    attacker.value());

            assertThrows(SecretUnreadableException.class, () -> webhooks(context).find(attacker));
        }
    }

    @Test
    void withoutAKeySettingAKeyFileIsCreatedOwnerOnlyAndUsedAgainAtTheNextStart(@TempDir Path directory)
            throws Exception {
        Path keyFile = directory.resolve("data").resolve("secrets.key");
        Map<String, Object> settings = Map.of("openmail.secrets.key", "",
                "openmail.secrets.key-file", keyFile.toString());
        AccountId account;
        try (ApplicationContext context = start(settings)) {
            account = accountWithWebhook(context);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));

        try (ApplicationContext context = start(settings)) {
            assertEquals(SECRET, webhooks(context).find(account).orElseThrow().secret());
        }
    }

    private ApplicationContext start(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(database.micronautProperties());
        properties.put("flyway.datasources.default.enabled", true);
        properties.putAll(settings);
        return ApplicationContext.run(properties);
    }

    private static AccountWebhooks webhooks(ApplicationContext context) {
        return context.getBean(AccountWebhooks.class);
    }

    private static AccountId accountWithWebhook(ApplicationContext context) {
        Account account = Account.open(new Label("Secrets"), new InboxLimit(10), Instant.now());
        context.getBean(SaveAccount.class).insert(account);
        webhooks(context).save(account.id(), new AccountWebhook(new WebhookUrl("https://example.com/hook"), SECRET));
        return account.id();
    }

    private String storedSecret(AccountId account) {
        return database.queryForString("SELECT secret FROM account_webhooks WHERE account_id = ?", account.value());
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
