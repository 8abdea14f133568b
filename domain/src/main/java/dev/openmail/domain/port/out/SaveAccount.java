package dev.openmail.domain.port.out;

import dev.openmail.domain.account.Account;

public interface SaveAccount {

    void insert(Account account);

    /** False when the account no longer exists. */
    boolean update(Account account);
}
