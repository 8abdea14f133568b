package dev.openmail.application.apikey;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;

public final class IssueApiKeyService implements IssueApiKey {

    private final Transactions transactions;
    private final KeyHolders holders;
    private final LoadApiKeys loadApiKeys;
    private final SaveApiKey saveApiKey;
    private final Clock clock;

    public IssueApiKeyService(Transactions transactions, LoadAccounts loadAccounts, LoadPods loadPods,
                              LoadInboxes loadInboxes, LoadApiKeys loadApiKeys, SaveApiKey saveApiKey, Clock clock) {
        this.transactions = transactions;
        this.holders = new KeyHolders(loadAccounts, loadPods, loadInboxes);
        this.loadApiKeys = loadApiKeys;
        this.saveApiKey = saveApiKey;
        this.clock = clock;
    }

    @Override
    public IssuedApiKey issue(Command command) {
        Access.requireKind(command.caller(), Action.MANAGE_KEYS);
        AccountId accountId = command.caller().accountId();
        ApiToken token = ApiToken.generate();
        return transactions.inTransaction(() -> {
            KeyScope scope = holders.lockScopeOf(accountId, command.holder());
            ApiKey.ensureRoomForAnother(scope, loadApiKeys.countByScope(accountId, scope));
            ApiKey key = ApiKey.issue(accountId, scope, command.name(), token, clock.instant());
            saveApiKey.insert(key);
            return new IssuedApiKey(key, token);
        });
    }
}
