package dev.openmail.application.apikey;

import dev.openmail.application.access.Access;
import dev.openmail.application.account.RecentKeys;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.apikey.LastAccountKeyException;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.port.in.RevokeApiKey;
import dev.openmail.domain.port.out.AnnounceRevokedKeys;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.Transactions;

public final class RevokeApiKeyService implements RevokeApiKey {

    private final Transactions transactions;
    private final KeyHolders holders;
    private final LoadApiKeys loadApiKeys;
    private final SaveApiKey saveApiKey;
    private final AnnounceRevokedKeys announce;
    private final RecentKeys recentKeys;

    public RevokeApiKeyService(Transactions transactions, LoadAccounts loadAccounts, LoadPods loadPods,
                               LoadInboxes loadInboxes, LoadApiKeys loadApiKeys, SaveApiKey saveApiKey,
                               AnnounceRevokedKeys announce, RecentKeys recentKeys) {
        this.recentKeys = recentKeys;
        this.transactions = transactions;
        this.holders = new KeyHolders(loadAccounts, loadPods, loadInboxes);
        this.loadApiKeys = loadApiKeys;
        this.saveApiKey = saveApiKey;
        this.announce = announce;
    }

    @Override
    public void revoke(Caller caller, KeyHolder holder, ApiKeyId keyId) {
        Access.requireKind(caller, Action.MANAGE_KEYS);
        AccountId accountId = caller.accountId();
        try {
            transactions.inTransaction(() -> {
                KeyScope scope = holders.lockScopeOf(accountId, holder);
                ApiKey key = loadApiKeys.find(accountId, keyId).filter(found -> found.scope().equals(scope))
                        .orElseThrow(() -> notFound(keyId, scope));
                if (scope instanceof KeyScope.AccountWide && loadApiKeys.countByScope(accountId, scope) <= 1) {
                    throw new LastAccountKeyException();
                }
                if (!saveApiKey.remove(accountId, key.id())) {
                    throw notFound(keyId, scope);
                }
            });
        } finally {
            // After the commit (or a failure that may have come after it): this process stops taking keys from its
            // recent lookups.
            recentKeys.forgetAll();
        }
        // What this process holds open for the key (WebSocket connections) ends now.
        announce.revoked(accountId, keyId);
    }

    private static NotFoundException notFound(ApiKeyId keyId, KeyScope scope) {
        return new NotFoundException("No key " + keyId.value() + " among the active keys of "
                + (scope instanceof KeyScope.AccountWide ? "this account (account-wide keys)" : scope.boundary()) + ".");
    }
}
