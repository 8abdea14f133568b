package dev.openmail.adapters.persistence.repository;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.usage.StorageQuota;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.TokenHash;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;

import dev.openmail.domain.inbox.DisplayName;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.maildomain.DkimKey;
import dev.openmail.domain.maildomain.DnsRecord;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.DomainStatus;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.RecordStatus;

import java.util.EnumMap;
import java.util.Map;

import static dev.openmail.adapters.persistence.Rows.epochMillis;
import static dev.openmail.adapters.persistence.Rows.instant;

/** Converts between domain objects and rows. Loading goes through the domain's reconstitution factories. */
final class RowMapping {

    private RowMapping() {
    }

    static AccountRow toRow(Account account) {
        return new AccountRow(account.id().value(), text(account.name()), account.inboxLimit().value(),
                epochMillis(account.createdAt()), account.dropSpoofedLocalMail(),
                account.storageQuotaOrNull() == null ? null : account.storageQuotaOrNull().bytes());
    }

    static Account toModel(AccountRow row) {
        return Account.reconstitute(new AccountId(row.id()), label(row.name()), new InboxLimit(row.inboxLimit()),
                instant(row.createdAt()), row.dropSpoofedLocalMail(),
                row.storageQuotaBytes() == null ? null : new StorageQuota(row.storageQuotaBytes()));
    }

    static ApiKeyRow toRow(ApiKey key) {
        PodId pod = key.scope().podOrNull();
        InboxId inbox = key.scope().inboxOrNull();
        return new ApiKeyRow(key.id().value(), key.accountId().value(), pod == null ? null : pod.value(),
                inbox == null ? null : inbox.value(), key.tokenHash().hex(), key.tokenPrefix(), key.last4(),
                text(key.name()), epochMillis(key.createdAt()),
                key.lastUsedAt() == null ? null : epochMillis(key.lastUsedAt()));
    }

    static ApiKey toModel(ApiKeyRow row) {
        KeyScope scope = KeyScope.of(row.podId() == null ? null : new PodId(row.podId()),
                row.inboxId() == null ? null : new InboxId(row.inboxId()));
        return ApiKey.reconstitute(new ApiKeyId(row.id()), new AccountId(row.accountId()), scope, label(row.name()),
                new TokenHash(row.tokenHash()), row.tokenPrefix(), row.last4(), instant(row.createdAt()),
                row.lastUsedAt() == null ? null : instant(row.lastUsedAt()));
    }

    static PodRow toRow(Pod pod) {
        return new PodRow(pod.id().value(), pod.accountId().value(), pod.clientId() == null ? null : pod.clientId().value(),
                text(pod.name()), pod.isDefault(), epochMillis(pod.createdAt()));
    }

    static Pod toModel(PodRow row) {
        return Pod.reconstitute(new PodId(row.id()), new AccountId(row.accountId()),
                row.clientId() == null ? null : new ClientId(row.clientId()), label(row.name()), row.defaultPod(),
                instant(row.createdAt()));
    }

    static InboxRow toRow(Inbox inbox) {
        return new InboxRow(inbox.id().value(), inbox.accountId().value(), inbox.podId().value(),
                inbox.domainId() == null ? null : inbox.domainId().value(), inbox.address().value(),
                inbox.displayName() == null ? null : inbox.displayName().value(),
                inbox.webhookUrl() == null ? null : inbox.webhookUrl().value(),
                inbox.webhookSecret() == null ? null : inbox.webhookSecret().value(), epochMillis(inbox.createdAt()));
    }

    static Inbox toModel(InboxRow row) {
        return Inbox.reconstitute(new InboxId(row.id()), new AccountId(row.accountId()), new PodId(row.podId()),
                EmailAddress.of(row.address()), row.domainId() == null ? null : new DomainId(row.domainId()),
                row.displayName() == null ? null : new DisplayName(row.displayName()),
                row.webhookUrl() == null ? null : new WebhookUrl(row.webhookUrl()),
                row.webhookSecret() == null ? null : new WebhookSecret(row.webhookSecret()), instant(row.createdAt()));
    }

    static DomainRow toRow(MailDomain domain) {
        return new DomainRow(domain.id().value(), domain.accountId().value(),
                domain.scope().podOrNull() == null ? null : domain.scope().podOrNull().value(), domain.name().value(),
                domain.status().wireName(), domain.recordStatus(DnsRecord.Purpose.MX).wireName(),
                domain.recordStatus(DnsRecord.Purpose.SPF).wireName(), domain.recordStatus(DnsRecord.Purpose.DKIM).wireName(),
                domain.recordStatus(DnsRecord.Purpose.OWNERSHIP).wireName(), domain.dkim().selector(),
                domain.dkim().publicKeyBase64(), domain.dkim().privateKeyBase64(), domain.ownershipToken(),
                epochMillis(domain.createdAt()), domain.verifiedAt() == null ? null : epochMillis(domain.verifiedAt()));
    }

    static MailDomain toModel(DomainRow row) {
        Map<DnsRecord.Purpose, RecordStatus> statuses = new EnumMap<>(DnsRecord.Purpose.class);
        statuses.put(DnsRecord.Purpose.MX, RecordStatus.fromWireName(row.mxStatus()));
        statuses.put(DnsRecord.Purpose.SPF, RecordStatus.fromWireName(row.spfStatus()));
        statuses.put(DnsRecord.Purpose.DKIM, RecordStatus.fromWireName(row.dkimStatus()));
        statuses.put(DnsRecord.Purpose.OWNERSHIP, RecordStatus.fromWireName(row.ownershipStatus()));
        return MailDomain.reconstitute(new DomainId(row.id()), new AccountId(row.accountId()), new DomainName(row.domain()),
                DomainScope.of(row.podId() == null ? null : new PodId(row.podId())), DomainStatus.fromWireName(row.status()),
                new DkimKey(row.dkimSelector(), row.dkimPublicKey(), row.dkimPrivateKey()), row.ownershipToken(), statuses,
                instant(row.createdAt()), row.verifiedAt() == null ? null : instant(row.verifiedAt()));
    }

    private static String text(Label label) {
        return label == null ? null : label.value();
    }

    private static Label label(String text) {
        return text == null ? null : new Label(text);
    }
}
