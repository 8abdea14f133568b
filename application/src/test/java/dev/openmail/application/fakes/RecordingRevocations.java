package dev.openmail.application.fakes;

import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.port.out.AnnounceRevokedKeys;

import java.util.ArrayList;
import java.util.List;

/** Keeps the revocations announced, in order. */
public final class RecordingRevocations implements AnnounceRevokedKeys {

    private final List<ApiKeyId> revoked = new ArrayList<>();

    @Override
    public synchronized void revoked(AccountId accountId, ApiKeyId keyId) {
        revoked.add(keyId);
    }

    public synchronized List<ApiKeyId> revoked() {
        return List.copyOf(revoked);
    }
}
