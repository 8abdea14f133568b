package dev.openmail.application.apikey;

import dev.openmail.application.account.RecentKeys;
import dev.openmail.application.account.AuthenticateApiKeyService;
import dev.openmail.application.account.OpenAccountService;
import dev.openmail.application.fakes.Callers;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.application.fakes.MutableClock;
import dev.openmail.application.fakes.RecordingRevocations;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;

import java.time.Instant;
import java.util.List;

/** The key use cases, and authentication, wired over one in-memory store, with a clock the tests move. */
final class ApiKeyFixture {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryStore store = new InMemoryStore();
    final InMemoryTransactions transactions = new InMemoryTransactions(store);
    final OpenAccountService openAccount =
            new OpenAccountService(transactions, store, store, store, new InboxLimit(10), clock);
    final IssueApiKeyService issueApiKey = new IssueApiKeyService(transactions, store, store, store, store, store, clock);
    final ListApiKeysService listApiKeys = new ListApiKeysService(transactions, store, store, store, store);
    final RecordingRevocations revocations = new RecordingRevocations();
    /** One process's recent keys, shared by authentication and what revokes keys, as the server wires them. */
    final RecentKeys recentKeys = new RecentKeys();
    final RevokeApiKeyService revokeApiKey = new RevokeApiKeyService(transactions, store, store, store, store, store,
            revocations, recentKeys);
    final AuthenticateApiKeyService authenticate = new AuthenticateApiKeyService(transactions, store, store, recentKeys, clock);

    /** An account as OpenAccount leaves it: its default pod and its first account-wide key. */
    ProvisionedAccount account() {
        return openAccount.open(new OpenAccount.Command(null, null));
    }

    Pod pod(ProvisionedAccount owner, String clientId) {
        Pod pod = Pod.create(owner.account().id(), clientId == null ? null : new ClientId(clientId), null,
                NOW.minusSeconds(60));
        store.insert(pod);
        return pod;
    }

    Inbox inbox(ProvisionedAccount owner, Pod pod) {
        return store.addInbox(owner.account().id(), pod.id());
    }

    /** A new key for the holder, minted by the account through an account-wide key. */
    IssuedApiKey issue(ProvisionedAccount owner, KeyHolder holder) {
        return issueApiKey.issue(new IssueApiKey.Command(Callers.owner(owner.account().id()), holder, null));
    }

    /** Every key the store holds with exactly this scope, oldest first. */
    List<ApiKeyId> storedKeys(ProvisionedAccount owner, KeyScope scope) {
        return store.listByScope(owner.account().id(), scope, new PageRequest(PageRequest.MAX_LIMIT, 0)).items()
                .stream().map(ApiKey::id).toList();
    }

    static KeyHolder holderOf(Pod pod) {
        return KeyHolder.pod(new PodRef.ById(pod.id()));
    }

    static KeyHolder holderOf(Inbox inbox) {
        return KeyHolder.inbox(inbox.id());
    }

    static KeyScope scopeOf(Pod pod) {
        return KeyScope.pod(pod.id());
    }

    static KeyScope scopeOf(Inbox inbox) {
        return KeyScope.inbox(inbox.podId(), inbox.id());
    }

    static AccountId id(ProvisionedAccount account) {
        return account.account().id();
    }

    static Label label(String name) {
        return new Label(name);
    }
}
