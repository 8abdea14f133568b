package dev.openmail.adapters.persistence.repository;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.SaveAccount;
import jakarta.inject.Singleton;

import java.util.Optional;

@Singleton
final class JdbcAccountStore implements LoadAccounts, SaveAccount {

    private final AccountRepository accounts;

    JdbcAccountStore(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return accounts.findRow(id.value()).map(RowMapping::toModel);
    }

    @Override
    public Optional<Account> findForUpdate(AccountId id) {
        accounts.hold(id.value());
        return accounts.lockRow(id.value()).map(RowMapping::toModel);
    }

    @Override
    public Page<Account> list(PageRequest page) {
        return new Page<>(accounts.listPage(page.limit(), page.offset()).stream().map(RowMapping::toModel).toList(),
                accounts.countAll());
    }

    @Override
    public boolean anyExists() {
        return accounts.countUpToOne() > 0;
    }

    @Override
    public void insert(Account account) {
        accounts.save(RowMapping.toRow(account));
    }

    @Override
    public boolean update(Account account) {
        AccountRow row = RowMapping.toRow(account);
        return accounts.updateRow(row.id(), row.name(), row.inboxLimit(), row.storageQuotaBytes(),
                row.dropSpoofedLocalMail()) > 0;
    }
}
