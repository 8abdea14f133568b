package dev.openmail.adapters.rest.ws;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.port.out.AnnounceRevokedKeys;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the revocation use case announces a revoked key on this process, and where {@link Connections} listens. A bean
 * of its own, so that the use cases (which announce) and the connections (which use the use cases) do not need each
 * other to be built.
 */
@Singleton
public final class RevokedKeys implements AnnounceRevokedKeys {

    private final List<AnnounceRevokedKeys> listeners = new CopyOnWriteArrayList<>();

    void listen(AnnounceRevokedKeys listener) {
        listeners.add(listener);
    }

    @Override
    public void revoked(AccountId accountId, ApiKeyId keyId) {
        listeners.forEach(listener -> listener.revoked(accountId, keyId));
    }
}
