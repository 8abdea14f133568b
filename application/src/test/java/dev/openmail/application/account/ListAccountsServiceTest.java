package dev.openmail.application.account;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ListAccountsServiceTest {

    private final AccountFixture fixture = new AccountFixture();
    private final ListAccountsService listAccounts = new ListAccountsService(fixture.transactions, fixture.store);

    @Test
    void anEmptyInstallationListsNothing() {
        Page<Account> page = listAccounts.list(PageRequest.firstPage());

        assertEquals(List.of(), page.items());
        assertEquals(0, page.total());
    }

    @Test
    void listsOldestFirstWithIdAsTieBreak() {
        Account newest = account(AccountFixture.NOW);
        Account oldest = account(AccountFixture.NOW.minusSeconds(60));
        Account tiedFirst = account(AccountFixture.NOW.minusSeconds(30));
        Account tiedSecond = account(AccountFixture.NOW.minusSeconds(30));
        for (Account account : List.of(newest, tiedSecond, oldest, tiedFirst)) {
            fixture.store.insert(account);
        }

        Page<Account> page = listAccounts.list(PageRequest.firstPage());

        assertEquals(List.of(oldest.id(), tiedFirst.id(), tiedSecond.id(), newest.id()), ids(page));
        assertEquals(4, page.total());
    }

    @Test
    void pagesKeepTheTotal() {
        for (int i = 0; i < 5; i++) {
            fixture.store.insert(account(AccountFixture.NOW.plusSeconds(i)));
        }
        List<AccountId> all = ids(listAccounts.list(PageRequest.firstPage()));

        Page<Account> window = listAccounts.list(new PageRequest(2, 3));

        assertEquals(all.subList(3, 5), ids(window));
        assertEquals(5, window.total());
    }

    private static Account account(java.time.Instant createdAt) {
        return Account.open(null, new InboxLimit(1), createdAt);
    }

    private static List<AccountId> ids(Page<Account> page) {
        return page.items().stream().map(Account::id).toList();
    }
}
