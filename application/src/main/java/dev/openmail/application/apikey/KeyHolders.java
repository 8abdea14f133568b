package dev.openmail.application.apikey;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadPods;

import java.util.Optional;

/** Finds the holder a key request names, and the scope its keys have; an unknown pod or inbox is not found. */
final class KeyHolders {

    private final LoadAccounts loadAccounts;
    private final LoadPods loadPods;
    private final LoadInboxes loadInboxes;

    KeyHolders(LoadAccounts loadAccounts, LoadPods loadPods, LoadInboxes loadInboxes) {
        this.loadAccounts = loadAccounts;
        this.loadPods = loadPods;
        this.loadInboxes = loadInboxes;
    }

    KeyScope scopeOf(AccountId accountId, KeyHolder holder) {
        return resolve(accountId, holder, false);
    }

    /**
     * Like {@link #scopeOf}, and holds the holder's row (account, pod or inbox) until the transaction ends, so that
     * keys of one holder are counted and added one transaction at a time, and the holder cannot vanish meanwhile.
     */
    KeyScope lockScopeOf(AccountId accountId, KeyHolder holder) {
        return resolve(accountId, holder, true);
    }

    private KeyScope resolve(AccountId accountId, KeyHolder holder, boolean hold) {
        if (holder instanceof KeyHolder.Pod pod) {
            Optional<Pod> found = hold ? loadPods.findForUpdate(accountId, pod.pod()) : loadPods.find(accountId, pod.pod());
            return KeyScope.pod(found.map(Pod::id).orElseThrow(() -> PodRef.notFound(pod.pod().text())));
        }
        if (holder instanceof KeyHolder.Inbox inbox) {
            Optional<Inbox> found = hold ? loadInboxes.findForUpdate(accountId, inbox.inbox())
                    : loadInboxes.find(accountId, inbox.inbox());
            Inbox existing = found.orElseThrow(() -> Inbox.notFound(inbox.inbox().value()));
            return KeyScope.inbox(existing.podId(), existing.id());
        }
        if (hold) {
            loadAccounts.findForUpdate(accountId);
        }
        return KeyScope.ACCOUNT_WIDE;
    }
}
