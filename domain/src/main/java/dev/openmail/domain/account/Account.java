package dev.openmail.domain.account;

import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.usage.StorageQuota;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A customer of the installation: it owns pods, inboxes, domains and API keys. */
public final class Account {

    private final AccountId id;
    private final Label name;
    private final InboxLimit inboxLimit;
    private final Instant createdAt;
    private final boolean dropSpoofedLocalMail;
    private final StorageQuota storageQuotaOrNull;

    private Account(AccountId id, Label name, InboxLimit inboxLimit, Instant createdAt, boolean dropSpoofedLocalMail,
                    StorageQuota storageQuotaOrNull) {
        this.id = Objects.requireNonNull(id);
        this.name = name;
        this.inboxLimit = Objects.requireNonNull(inboxLimit);
        this.createdAt = Objects.requireNonNull(createdAt).truncatedTo(ChronoUnit.MILLIS);
        this.dropSpoofedLocalMail = dropSpoofedLocalMail;
        this.storageQuotaOrNull = storageQuotaOrNull;
    }

    public static Account open(Label name, InboxLimit inboxLimit, Instant now) {
        return new Account(AccountId.generate(), name, inboxLimit, now, false, null);
    }

    /** Rebuilds an account from storage, one with the defaults: spoofed local mail flagged, the installation's quota. */
    public static Account reconstitute(AccountId id, Label name, InboxLimit inboxLimit, Instant createdAt) {
        return new Account(id, name, inboxLimit, createdAt, false, null);
    }

    /** Rebuilds an account from storage, with its choice about spoofed local mail. */
    public static Account reconstitute(AccountId id, Label name, InboxLimit inboxLimit, Instant createdAt,
                                       boolean dropSpoofedLocalMail) {
        return new Account(id, name, inboxLimit, createdAt, dropSpoofedLocalMail, null);
    }

    /** Rebuilds an account from storage; a null quota takes the installation's. */
    public static Account reconstitute(AccountId id, Label name, InboxLimit inboxLimit, Instant createdAt,
                                       StorageQuota storageQuotaOrNull) {
        return new Account(id, name, inboxLimit, createdAt, false, storageQuotaOrNull);
    }

    /** Rebuilds an account from storage with every setting it has. */
    public static Account reconstitute(AccountId id, Label name, InboxLimit inboxLimit, Instant createdAt,
                                       boolean dropSpoofedLocalMail, StorageQuota storageQuotaOrNull) {
        return new Account(id, name, inboxLimit, createdAt, dropSpoofedLocalMail, storageQuotaOrNull);
    }

    /**
     * The account with its choice about mail from outside that claims a sender on one of this installation's domains
     * without passing DMARC: dropped for its inboxes when true, filed flagged when false (the default).
     */
    public Account withDropSpoofedLocalMail(Change<Boolean> drop) {
        if (drop.isPresent() && drop.applyTo(null) == null) {
            throw new InvalidInputException("dropSpoofedLocalMail",
                    "dropSpoofedLocalMail cannot be null; send true or false.");
        }
        return new Account(id, name, inboxLimit, createdAt, drop.applyTo(dropSpoofedLocalMail), storageQuotaOrNull);
    }

    /** Whether mail from outside spoofing a sender on this installation's domains is dropped for this account. */
    public boolean dropSpoofedLocalMail() {
        return dropSpoofedLocalMail;
    }

    /** The account with its own storage quota, or (null) with the installation's. */
    public Account withStorageQuota(StorageQuota quotaOrNull) {
        return new Account(id, name, inboxLimit, createdAt, dropSpoofedLocalMail, quotaOrNull);
    }

    /** Renames the account or changes its limit; the name may be cleared, the limit may not. */
    public Account update(Change<Label> newName, Change<InboxLimit> newLimit) {
        if (newLimit.isPresent() && newLimit.applyTo(null) == null) {
            throw new InvalidInputException("inboxLimit", "inboxLimit cannot be null; send an integer from 0 to "
                    + InboxLimit.MAX + ".");
        }
        return new Account(id, newName.applyTo(name), newLimit.applyTo(inboxLimit), createdAt, dropSpoofedLocalMail,
                storageQuotaOrNull);
    }

    /** As {@link #update(Change, Change)}, and sets or clears (null: the installation's) the storage quota. */
    public Account update(Change<Label> newName, Change<InboxLimit> newLimit, Change<StorageQuota> newQuota) {
        return update(newName, newLimit).withStorageQuota(newQuota.applyTo(storageQuotaOrNull));
    }

    public AccountId id() {
        return id;
    }

    public Label name() {
        return name;
    }

    public InboxLimit inboxLimit() {
        return inboxLimit;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The operator's storage quota for this account; null when it takes the installation's. */
    public StorageQuota storageQuotaOrNull() {
        return storageQuotaOrNull;
    }

    public static NotFoundException notFound(String idText) {
        return new NotFoundException("No account with id '" + idText + "'.");
    }
}
