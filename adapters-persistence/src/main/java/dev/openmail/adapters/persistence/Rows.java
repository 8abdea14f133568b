package dev.openmail.adapters.persistence;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.TokenHash;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;

import java.time.Instant;

/** Converts between domain objects and rows. Loading goes through the domain's reconstitution factories. */
final class Rows {

    private Rows() {
    }

    static AccountRow toRow(Account account) {
        return new AccountRow(account.id().value(), text(account.name()), account.inboxLimit().value(),
                epochMillis(account.createdAt()));
    }

    static Account toDomain(AccountRow row) {
        return Account.reconstitute(new AccountId(row.id()), label(row.name()), new InboxLimit(row.inboxLimit()),
                instant(row.createdAt()));
    }

    static ApiKeyRow toRow(ApiKey key) {
        return new ApiKeyRow(key.id().value(), key.accountId().value(), key.tokenHash().hex(), key.tokenPrefix(),
                key.last4(), text(key.name()), epochMillis(key.createdAt()));
    }

    static ApiKey toDomain(ApiKeyRow row) {
        return ApiKey.reconstitute(new ApiKeyId(row.id()), new AccountId(row.accountId()), label(row.name()),
                new TokenHash(row.tokenHash()), row.tokenPrefix(), row.last4(), instant(row.createdAt()));
    }

    static PodRow toRow(Pod pod) {
        return new PodRow(pod.id().value(), pod.accountId().value(), pod.clientId() == null ? null : pod.clientId().value(),
                text(pod.name()), pod.isDefault(), epochMillis(pod.createdAt()));
    }

    static Pod toDomain(PodRow row) {
        return Pod.reconstitute(new PodId(row.id()), new AccountId(row.accountId()),
                row.clientId() == null ? null : new ClientId(row.clientId()), label(row.name()), row.defaultPod(),
                instant(row.createdAt()));
    }

    /** Times are stored as epoch milliseconds, the precision the domain keeps. */
    static long epochMillis(Instant instant) {
        return instant.toEpochMilli();
    }

    private static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }

    private static String text(Label label) {
        return label == null ? null : label.value();
    }

    private static Label label(String text) {
        return text == null ? null : new Label(text);
    }
}
