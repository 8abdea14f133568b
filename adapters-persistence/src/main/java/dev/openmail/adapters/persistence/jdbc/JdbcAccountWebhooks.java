package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.SecretBox;
import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.port.out.AccountWebhooks;
import dev.openmail.domain.webhook.AccountWebhook;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Accounts' webhooks over the V8 table, in the caller's transaction when there is one. */
@Singleton
final class JdbcAccountWebhooks implements AccountWebhooks {

    private final Statements sql;
    private final SecretBox secrets;

    JdbcAccountWebhooks(JdbcOperations jdbc, SecretBox secrets) {
        this.sql = new Statements(jdbc);
        this.secrets = secrets;
    }

    /** The secret is stored encrypted, bound to its account's row. */
    static SecretBox.Place place(String accountId) {
        return new SecretBox.Place("account_webhooks", "secret", accountId);
    }

    @Override
    public Optional<AccountWebhook> find(AccountId accountId) {
        return read(accountId, "");
    }

    @Override
    public Optional<AccountWebhook> findForUpdate(AccountId accountId) {
        return read(accountId, " FOR UPDATE");
    }

    private Optional<AccountWebhook> read(AccountId accountId, String lock) {
        return sql.query("SELECT url, secret FROM account_webhooks WHERE account_id = ?" + lock,
                row -> new AccountWebhook(new WebhookUrl(row.getString(1)),
                        new WebhookSecret(secrets.open(row.getString(2), place(accountId.value())))),
                accountId.value()).stream().findFirst();
    }

    @Override
    public void save(AccountId accountId, AccountWebhook webhook) {
        String secret = secrets.seal(webhook.secret().value(), place(accountId.value()));
        int changed = sql.update("UPDATE account_webhooks SET url = ?, secret = ? WHERE account_id = ?",
                webhook.url().value(), secret, accountId.value());
        if (changed == 0) {
            try {
                sql.update("INSERT INTO account_webhooks (account_id, url, secret) VALUES (?, ?, ?)",
                        accountId.value(), webhook.url().value(), secret);
            } catch (RuntimeException e) {
                if (!SqlErrors.isDuplicateKey(e)) {
                    throw e;
                }
                // Another request set the account's first webhook meanwhile; this one, later, wins.
                sql.update("UPDATE account_webhooks SET url = ?, secret = ? WHERE account_id = ?",
                        webhook.url().value(), secret, accountId.value());
            }
        }
    }

    @Override
    public void remove(AccountId accountId) {
        sql.update("DELETE FROM account_webhooks WHERE account_id = ?", accountId.value());
    }
}
