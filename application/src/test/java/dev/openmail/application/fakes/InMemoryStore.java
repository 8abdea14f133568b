package dev.openmail.application.fakes;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.TokenHash;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.ClientIdTakenException;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodHasDomainsException;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodNotEmptyException;
import dev.openmail.domain.pod.PodOccupancy;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.out.InspectPodContents;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.TokenAlreadyRegisteredException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The outgoing persistence ports held in memory, behaving as the database does: the same orderings, the same unique
 * keys (a pod's client id within its account, a key's token hash) and the same foreign keys (a pod or key needs its
 * account; an inbox or scoped domain needs its pod, and keeps the pod from being removed).
 *
 * <p>Every method holds the store's lock, and {@link InMemoryTransactions} holds it for a whole unit of work, so
 * transactions run one at a time. {@link #findForRemoval} must be called inside such a transaction, as the lock it
 * stands for would be meaningless outside one.
 *
 * <p>Not final, so that a test can override one operation to make it fail.
 */
public class InMemoryStore
        implements LoadAccounts, SaveAccount, LoadApiKeys, SaveApiKey, LoadPods, SavePod, InspectPodContents, RemovePod {

    private static final Comparator<Account> ACCOUNT_ORDER =
            Comparator.comparing(Account::createdAt).thenComparing(account -> account.id().value());
    private static final Comparator<Pod> POD_ORDER = Comparator.comparing((Pod pod) -> !pod.isDefault())
            .thenComparing(Pod::createdAt)
            .thenComparing(pod -> pod.id().value());

    private State state = new State();
    private int transactionDepth;

    public InMemoryStore() {
    }

    // ---- accounts

    @Override
    public synchronized Optional<Account> find(AccountId id) {
        return Optional.ofNullable(state.accounts.get(id));
    }

    @Override
    public synchronized Page<Account> list(PageRequest page) {
        return window(state.accounts.values().stream().sorted(ACCOUNT_ORDER).toList(), page);
    }

    @Override
    public synchronized boolean anyExists() {
        return !state.accounts.isEmpty();
    }

    @Override
    public synchronized void insert(Account account) {
        if (state.accounts.containsKey(account.id())) {
            throw new IllegalStateException("duplicate primary key: account " + account.id() + " already exists");
        }
        state.accounts.put(account.id(), account);
    }

    @Override
    public synchronized boolean update(Account account) {
        Account stored = state.accounts.get(account.id());
        if (stored == null) {
            return false;
        }
        state.accounts.put(account.id(),
                Account.reconstitute(stored.id(), account.name(), account.inboxLimit(), stored.createdAt()));
        return true;
    }

    // ---- API keys

    @Override
    public synchronized Optional<ApiKey> findByTokenHash(TokenHash hash) {
        return state.keys.values().stream().filter(key -> key.tokenHash().equals(hash)).findFirst();
    }

    @Override
    public synchronized void insert(ApiKey key) {
        requireAccount(key.accountId(), "api key " + key.id());
        if (findByTokenHash(key.tokenHash()).isPresent()) {
            throw new TokenAlreadyRegisteredException();
        }
        if (state.keys.containsKey(key.id())) {
            throw new IllegalStateException("duplicate primary key: api key " + key.id() + " already exists");
        }
        state.keys.put(key.id(), key);
    }

    // ---- pods

    @Override
    public synchronized Optional<Pod> find(AccountId accountId, PodRef ref) {
        return podsOf(accountId).filter(pod -> pod.answersTo(ref)).findFirst();
    }

    @Override
    public synchronized Optional<Pod> findForRemoval(AccountId accountId, PodRef ref) {
        if (transactionDepth == 0) {
            throw new IllegalStateException("findForRemoval locks the pod until the transaction ends;"
                    + " call it inside Transactions.inTransaction");
        }
        return find(accountId, ref);
    }

    @Override
    public synchronized Page<Pod> list(AccountId accountId, PageRequest page) {
        return window(podsOf(accountId).sorted(POD_ORDER).toList(), page);
    }

    @Override
    public synchronized void insert(Pod pod) {
        requireAccount(pod.accountId(), "pod " + pod.id());
        PodKey key = PodKey.of(pod);
        if (state.pods.containsKey(key)) {
            throw new IllegalStateException("duplicate primary key: pod " + pod.id() + " already exists");
        }
        refuseTakenClientId(pod);
        state.pods.put(key, pod);
    }

    /** Changes the client id and the name only, as the database's UPDATE does; the other columns stay as stored. */
    @Override
    public synchronized boolean update(Pod pod) {
        Pod stored = state.pods.get(PodKey.of(pod));
        if (stored == null) {
            return false;
        }
        refuseTakenClientId(pod);
        state.pods.put(PodKey.of(pod), Pod.reconstitute(stored.id(), stored.accountId(), pod.clientId(), pod.name(),
                stored.isDefault(), stored.createdAt()));
        return true;
    }

    @Override
    public synchronized PodOccupancy occupancy(AccountId accountId, PodId podId) {
        PodKey key = new PodKey(accountId, podId);
        return new PodOccupancy(state.inboxes.contains(key), state.scopedDomains.contains(key));
    }

    @Override
    public synchronized void remove(Pod pod) {
        PodKey key = PodKey.of(pod);
        if (state.inboxes.contains(key)) {
            throw new PodNotEmptyException(pod);
        }
        if (state.scopedDomains.contains(key)) {
            throw new PodHasDomainsException(pod);
        }
        state.pods.remove(key);
    }

    // ---- test-only rows that other tables would hold

    /** Records one inbox in the pod, as an inbox row pointing at it would. The pod must exist. */
    public synchronized void addInbox(AccountId accountId, PodId podId) {
        state.inboxes.add(existingPod(accountId, podId, "inbox"));
    }

    /** Records one domain scoped to the pod, as a domain row pointing at it would. The pod must exist. */
    public synchronized void addScopedDomain(AccountId accountId, PodId podId) {
        state.scopedDomains.add(existingPod(accountId, podId, "domain"));
    }

    // ---- transactions

    /** Runs {@code work} alone; a nested call joins the outer one. On failure the outermost call restores every row. */
    synchronized <T> T atomically(Supplier<T> work) {
        if (transactionDepth > 0) {
            return work.get();
        }
        State before = state.copy();
        transactionDepth++;
        try {
            return work.get();
        } catch (Throwable failure) {
            state = before;
            throw failure;
        } finally {
            transactionDepth--;
        }
    }

    private Stream<Pod> podsOf(AccountId accountId) {
        return state.pods.values().stream().filter(pod -> pod.accountId().equals(accountId));
    }

    private void refuseTakenClientId(Pod pod) {
        if (pod.clientId() == null) {
            return;
        }
        boolean taken = podsOf(pod.accountId())
                .anyMatch(other -> !other.id().equals(pod.id()) && pod.clientId().equals(other.clientId()));
        if (taken) {
            throw new ClientIdTakenException(pod.clientId());
        }
    }

    private void requireAccount(AccountId accountId, String what) {
        if (!state.accounts.containsKey(accountId)) {
            throw new IllegalStateException("foreign key: " + what + " refers to account " + accountId
                    + ", which does not exist; insert the account first");
        }
    }

    private PodKey existingPod(AccountId accountId, PodId podId, String what) {
        PodKey key = new PodKey(accountId, podId);
        if (!state.pods.containsKey(key)) {
            throw new IllegalStateException("foreign key: an " + what + " refers to pod " + podId + " of account "
                    + accountId + ", which does not exist");
        }
        return key;
    }

    private static <T> Page<T> window(List<T> ordered, PageRequest page) {
        List<T> items = ordered.stream().skip(page.offset()).limit(page.limit()).toList();
        return new Page<>(items, ordered.size());
    }

    private record PodKey(AccountId accountId, PodId podId) {
        static PodKey of(Pod pod) {
            return new PodKey(pod.accountId(), pod.id());
        }
    }

    /** All rows. Domain objects are immutable, so a copy of the collections is a full snapshot. */
    private static final class State {
        final Map<AccountId, Account> accounts;
        final Map<ApiKeyId, ApiKey> keys;
        final Map<PodKey, Pod> pods;
        final List<PodKey> inboxes;
        final List<PodKey> scopedDomains;

        State() {
            this(Map.of(), Map.of(), Map.of(), List.of(), List.of());
        }

        private State(Map<AccountId, Account> accounts, Map<ApiKeyId, ApiKey> keys, Map<PodKey, Pod> pods,
                      List<PodKey> inboxes, List<PodKey> scopedDomains) {
            this.accounts = new LinkedHashMap<>(accounts);
            this.keys = new LinkedHashMap<>(keys);
            this.pods = new LinkedHashMap<>(pods);
            this.inboxes = new ArrayList<>(inboxes);
            this.scopedDomains = new ArrayList<>(scopedDomains);
        }

        State copy() {
            return new State(accounts, keys, pods, inboxes, scopedDomains);
        }
    }
}
