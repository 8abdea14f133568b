package dev.openmail.application.inbox;

import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.maildomain.DkimKey;
import dev.openmail.domain.maildomain.DnsEvidence;
import dev.openmail.domain.maildomain.DnsRecord;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.CreateInbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.openmail.application.fakes.Callers.owner;

/** A store with accounts, pods and domains in it, the installation's settings, and the clock the use cases read. */
final class InboxFixture {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    static final DomainName DEFAULT_DOMAIN = new DomainName("openmail.test");
    static final MxHost MX_HOST = new MxHost(new DomainName("mx.openmail.test"));

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryStore store;
    final InMemoryTransactions transactions;

    InboxFixture() {
        this(new InMemoryStore());
    }

    InboxFixture(InMemoryStore store) {
        this.store = store;
        this.transactions = new InMemoryTransactions(store);
    }

    CreateInboxService createInbox() {
        return createInbox(new InstallationDomain(DEFAULT_DOMAIN));
    }

    CreateInboxService createInbox(InstallationDomain installationDomain) {
        return new CreateInboxService(transactions, store, store, store.domains(), store, installationDomain, clock);
    }

    /** An account as OpenAccount leaves it: with its default pod. */
    AccountId account(int inboxLimit) {
        Account account = Account.open(null, new InboxLimit(inboxLimit), NOW.minusSeconds(3600));
        store.insert(account);
        store.insert(Pod.createDefault(account.id(), account.createdAt()));
        return account.id();
    }

    AccountId account() {
        return account(10);
    }

    Pod defaultPod(AccountId accountId) {
        return store.list(accountId, PageRequest.firstPage()).items().get(0);
    }

    Pod pod(AccountId accountId, String clientId) {
        Pod pod = Pod.create(accountId, clientId == null ? null : new ClientId(clientId), null, NOW.minusSeconds(60));
        store.insert(pod);
        return pod;
    }

    /** A domain of the account, just added: pending. */
    MailDomain pendingDomain(AccountId accountId, String name, PodId podOrNull) {
        MailDomain domain = MailDomain.add(accountId, new DomainName(name), DomainScope.of(podOrNull), DkimKey.generate(),
                NOW.minusSeconds(30));
        store.domains().insert(domain);
        return domain;
    }

    /** A domain of the account whose records were all found in DNS. */
    MailDomain verifiedDomain(AccountId accountId, String name, PodId podOrNull) {
        MailDomain pending = MailDomain.add(accountId, new DomainName(name), DomainScope.of(podOrNull),
                DkimKey.generate(), NOW.minusSeconds(30));
        List<DnsRecord> records = pending.records(MX_HOST);
        MailDomain verified = pending.checkedAgainst(new DnsEvidence(List.of(new DnsEvidence.Mx(10, records.get(0).value())),
                List.of(records.get(1).value()), List.of(records.get(2).value()), List.of(records.get(3).value())),
                MX_HOST, NOW.minusSeconds(20));
        store.domains().insert(verified);
        return verified;
    }

    /** Stores an inbox directly, bypassing the use case. */
    Inbox inbox(AccountId accountId, PodId podId, String address, Instant createdAt) {
        Inbox inbox = Inbox.create(accountId, podId, EmailAddress.of(address), null, null, null, createdAt);
        store.insert(inbox);
        return inbox;
    }

    static CreateInbox.Command command(AccountId accountId) {
        return new CreateInbox.Command(owner(accountId), null, null, null, null, null);
    }
}
