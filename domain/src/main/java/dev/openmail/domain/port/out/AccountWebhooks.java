package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.webhook.AccountWebhook;

import java.util.Optional;

/** Each account's own webhook, used for its inboxes that have none. */
public interface AccountWebhooks {

    Optional<AccountWebhook> find(AccountId accountId);

    /** Same as {@link #find}, locking the account's webhook row against a concurrent change until commit. */
    Optional<AccountWebhook> findForUpdate(AccountId accountId);

    void save(AccountId accountId, AccountWebhook webhook);

    void remove(AccountId accountId);
}
