package dev.openmail.domain.port.out;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;

import java.util.Optional;

public interface LoadAccounts {

    Optional<Account> find(AccountId id);

    /** Like {@link #find}, and holds the account until the transaction ends, so that concurrent changes queue up. */
    Optional<Account> findForUpdate(AccountId id);

    /** Oldest first, id as tie-break. */
    Page<Account> list(PageRequest page);

    boolean anyExists();
}
