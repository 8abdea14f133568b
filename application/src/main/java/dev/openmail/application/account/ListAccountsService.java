package dev.openmail.application.account;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.in.ListAccounts;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.Transactions;

public final class ListAccountsService implements ListAccounts {

    private final Transactions transactions;
    private final LoadAccounts loadAccounts;

    public ListAccountsService(Transactions transactions, LoadAccounts loadAccounts) {
        this.transactions = transactions;
        this.loadAccounts = loadAccounts;
    }

    @Override
    public Page<Account> list(PageRequest page) {
        return transactions.reading(() -> loadAccounts.list(page));
    }
}
