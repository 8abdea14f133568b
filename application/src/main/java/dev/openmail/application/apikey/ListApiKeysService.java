package dev.openmail.application.apikey;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.in.ListApiKeys;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.Transactions;

public final class ListApiKeysService implements ListApiKeys {

    private final Transactions transactions;
    private final KeyHolders holders;
    private final LoadApiKeys loadApiKeys;

    public ListApiKeysService(Transactions transactions, LoadAccounts loadAccounts, LoadPods loadPods,
                              LoadInboxes loadInboxes, LoadApiKeys loadApiKeys) {
        this.transactions = transactions;
        this.holders = new KeyHolders(loadAccounts, loadPods, loadInboxes);
        this.loadApiKeys = loadApiKeys;
    }

    @Override
    public Page<ApiKey> list(Caller caller, KeyHolder holder, PageRequest page) {
        Access.requireKind(caller, Action.MANAGE_KEYS);
        return transactions.reading(() ->
                loadApiKeys.listByScope(caller.accountId(), holders.scopeOf(caller.accountId(), holder), page));
    }
}
