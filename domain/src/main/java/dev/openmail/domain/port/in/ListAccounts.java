package dev.openmail.domain.port.in;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;

public interface ListAccounts {

    /** All accounts of the installation, oldest first. */
    Page<Account> list(PageRequest page);
}
