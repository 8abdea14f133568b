package dev.openmail.application.maildomain;

import dev.openmail.application.fakes.FakeDnsLookup;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.common.TimeOrderedIds;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.maildomain.DkimKey;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A store with accounts, pods and domains in it, a DNS zone, the installation's MX host and the use cases' clock. */
final class DomainFixture {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    static final MxHost MX_HOST = new MxHost(new DomainName("mx.openmail.test"));

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryStore store = new InMemoryStore();
    final InMemoryStore.Domains domains = store.domains();
    final InMemoryTransactions transactions = new InMemoryTransactions(store);
    final FakeDnsLookup dns = new FakeDnsLookup();

    /** An account as OpenAccount leaves it: with its default pod. */
    AccountId account() {
        Account account = Account.open(null, new InboxLimit(10), NOW.minusSeconds(3600));
        store.insert(account);
        store.insert(Pod.createDefault(account.id(), account.createdAt()));
        return account.id();
    }

    Pod defaultPod(AccountId accountId) {
        return store.list(accountId, PageRequest.firstPage()).items().get(0);
    }

    Pod pod(AccountId accountId, String clientId) {
        Pod pod = Pod.create(accountId, clientId == null ? null : new ClientId(clientId), null, NOW.minusSeconds(60));
        store.insert(pod);
        return pod;
    }

    MailDomain domain(AccountId accountId, String name, PodId podOrNull, Instant addedAt) {
        MailDomain domain = MailDomain.add(accountId, new DomainName(name), DomainScope.of(podOrNull), DkimKey.generate(), addedAt);
        domains.insert(domain);
        return domain;
    }

    MailDomain domain(AccountId accountId, String name, PodId podOrNull) {
        return domain(accountId, name, podOrNull, NOW.minusSeconds(30));
    }

    /** Stores an inbox on the domain in the pod, bypassing the use case. */
    Inbox inboxOn(MailDomain domain, PodId podId) {
        Inbox inbox = Inbox.create(domain.accountId(), podId,
                new EmailAddress(new MailboxName(TimeOrderedIds.next()), domain.name()), domain.id(), null, null, NOW);
        store.insert(inbox);
        return inbox;
    }

    MailDomain stored(MailDomain domain) {
        return domains.find(domain.accountId(), domain.id()).orElseThrow();
    }

    static PodRef byClientId(String clientId) {
        return new PodRef.ByClientId(new ClientId(clientId));
    }
}
