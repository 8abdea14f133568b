package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.pod.PodId;

import java.util.Optional;
import java.util.Set;

public interface LoadInboxes {

    Optional<Inbox> find(AccountId accountId, InboxId id);

    /** The inbox with this address anywhere in the installation, compared case-insensitively. */
    Optional<Inbox> findByAddress(String address);

    /** Like {@link #find}, and holds the inbox until the transaction ends, so that it cannot be deleted meanwhile. */
    Optional<Inbox> findForUpdate(AccountId accountId, InboxId id);

    /** Oldest first, id as tie-break; only {@code podOrNull}'s inboxes when given. */
    Page<Inbox> list(AccountId accountId, PodId podOrNull, PageRequest page);

    /** The pods that hold at least one inbox on the domain. */
    Set<PodId> podsWithInboxesOn(AccountId accountId, DomainId domainId);
}
