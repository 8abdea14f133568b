package dev.openmail.application.usage;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.AccessPolicy;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.GetUsage;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.StorageUsage;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.usage.AccountUsage;
import dev.openmail.domain.usage.InboxUsage;
import dev.openmail.domain.usage.StorageQuotas;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Usage per inbox, listed as the inboxes are (the same page, order and reach), with the quotas that apply. */
public final class GetUsageService implements GetUsage {

    private final Transactions transactions;
    private final LoadPods loadPods;
    private final LoadInboxes loadInboxes;
    private final StorageUsage usage;
    private final StorageQuotas quotas;

    public GetUsageService(Transactions transactions, LoadPods loadPods, LoadInboxes loadInboxes, StorageUsage usage,
                           StorageQuotas quotas) {
        this.transactions = transactions;
        this.loadPods = loadPods;
        this.loadInboxes = loadInboxes;
        this.usage = usage;
        this.quotas = quotas;
    }

    @Override
    public Usage usage(Caller caller, PodRef podOrNull, PageRequest page) {
        Access.requireKind(caller, Action.READ_INBOXES);
        AccountId accountId = caller.accountId();
        return transactions.inTransaction(() -> {
            AccountUsage account = caller.scope() instanceof KeyScope.AccountWide ? accountUsage(accountId) : null;
            return new Usage(inboxes(caller, podOrNull, page), quotas.inbox(), account);
        });
    }

    private Page<InboxUsage> inboxes(Caller caller, PodRef podOrNull, PageRequest page) {
        AccountId accountId = caller.accountId();
        PodId requestedPod = null;
        if (podOrNull != null) {
            Optional<Pod> pod = loadPods.find(accountId, podOrNull);
            if (pod.isEmpty()) {
                return new Page<>(List.of(), 0);
            }
            requestedPod = pod.get().id();
        }
        AccessPolicy.InboxListing visible = Access.inboxListing(caller, requestedPod);
        Page<Inbox> listed = visible.inboxOrNull() != null
                ? Page.ofAtMostOne(loadInboxes.find(accountId, visible.inboxOrNull()).orElse(null), page)
                : loadInboxes.list(accountId, visible.podOrNull(), page);
        Map<InboxId, InboxUsage> counted = usage.ofInboxes(accountId,
                        listed.items().stream().map(Inbox::id).toList()).stream()
                .collect(Collectors.toMap(InboxUsage::inboxId, Function.identity()));
        return listed.map(inbox -> counted.getOrDefault(inbox.id(), InboxUsage.none(inbox.id(), inbox.podId())));
    }

    private AccountUsage accountUsage(AccountId accountId) {
        StorageUsage.Totals totals = usage.totals(accountId);
        return new AccountUsage(totals.inboundMessages(), totals.outboundMessages(), totals.storedBytes(),
                quotas.forAccount(usage.accountQuota(accountId).orElse(null)));
    }
}
