package dev.openmail.adapters.persistence.repository;

import dev.openmail.adapters.persistence.SecretBox;
import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.AddressTakenException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.InboxQuota;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.CountInboxes;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.PodGoneException;
import dev.openmail.domain.port.out.SaveInbox;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

@Singleton
final class JdbcInboxStore implements LoadInboxes, SaveInbox, CountInboxes {

    private final InboxRepository inboxes;
    private final SecretBox secrets;

    JdbcInboxStore(InboxRepository inboxes, SecretBox secrets) {
        this.inboxes = inboxes;
        this.secrets = secrets;
    }

    @Override
    public Optional<Inbox> find(AccountId accountId, InboxId id) {
        return inboxes.findById(accountId.value(), id.value()).map(this::toModel);
    }

    /**
     * Addresses are stored in lower case, so the given one is folded the same way. The address column's collation
     * also takes accents and trailing spaces as equal, so the row it finds must then match the text exactly, as it
     * does in the in-memory store.
     */
    @Override
    public Optional<Inbox> findByAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String folded = address.toLowerCase(Locale.ROOT);
        return inboxes.findByAddress(folded).filter(row -> row.address().equals(folded)).map(this::toModel);
    }

    @Override
    public Optional<Inbox> findForUpdate(AccountId accountId, InboxId id) {
        inboxes.holdById(accountId.value(), id.value());
        return inboxes.lockById(accountId.value(), id.value()).map(this::toModel);
    }

    @Override
    public Page<Inbox> list(AccountId accountId, PodId podOrNull, PageRequest page) {
        if (podOrNull == null) {
            return new Page<>(rows(inboxes.listPage(accountId.value(), page.limit(), page.offset())),
                    inboxes.countByAccount(accountId.value()).orElse(0L));
        }
        return new Page<>(rows(inboxes.listPageInPod(accountId.value(), podOrNull.value(), page.limit(), page.offset())),
                inboxes.countInPod(accountId.value(), podOrNull.value()).orElse(0L));
    }

    @Override
    public Set<PodId> podsWithInboxesOn(AccountId accountId, DomainId domainId) {
        return inboxes.podIdsOnDomain(accountId.value(), domainId.value()).stream().map(PodId::new)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public InboxQuota quotaForNewInbox(AccountId accountId) {
        InboxAllowanceRow allowance = inboxes.lockAccountForNewInbox(accountId.value())
                .orElseThrow(() -> new IllegalStateException("no account " + accountId));
        return new InboxQuota(allowance.inboxCount(), new InboxLimit(allowance.inboxLimit()));
    }

    @Override
    public void insert(Inbox inbox) {
        try {
            InboxRow row = inboxes.save(toRow(inbox));
            inboxes.addToAccountCount(row.accountId(), 1);
            inboxes.addToPodCount(row.accountId(), row.podId(), 1);
        } catch (DataAccessException e) {
            if (SqlErrors.violated(e, "uq_inboxes_address")) {
                throw new AddressTakenException(inbox.address());
            }
            if (SqlErrors.violated(e, "fk_inboxes_pod")) {
                throw new PodGoneException();
            }
            throw e;
        }
    }

    @Override
    public boolean update(Inbox inbox) {
        InboxRow row = toRow(inbox);
        return inboxes.updateSettings(row.accountId(), row.id(), row.displayName(), row.webhookUrl(),
                row.webhookSecret()) > 0;
    }

    @Override
    public boolean remove(Inbox inbox) {
        String accountId = inbox.accountId().value();
        if (inboxes.deleteRow(accountId, inbox.id().value()) == 0) {
            return false;
        }
        inboxes.addToAccountCount(accountId, -1);
        inboxes.addToPodCount(accountId, inbox.podId().value(), -1);
        return true;
    }

    /** The webhook secret is stored encrypted, bound to its row. */
    private InboxRow toRow(Inbox inbox) {
        InboxRow row = RowMapping.toRow(inbox);
        return new InboxRow(row.id(), row.accountId(), row.podId(), row.domainId(), row.address(), row.displayName(),
                row.webhookUrl(), secrets.seal(row.webhookSecret(), place(row.id())), row.createdAt());
    }

    private Inbox toModel(InboxRow row) {
        return RowMapping.toModel(new InboxRow(row.id(), row.accountId(), row.podId(), row.domainId(), row.address(),
                row.displayName(), row.webhookUrl(), secrets.open(row.webhookSecret(), place(row.id())),
                row.createdAt()));
    }

    static SecretBox.Place place(String inboxId) {
        return new SecretBox.Place("inboxes", "webhook_secret", inboxId);
    }

    private List<Inbox> rows(List<InboxRow> rows) {
        return rows.stream().map(this::toModel).toList();
    }
}
