package dev.openmail.domain.account;

import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.NotFoundException;

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

    private Account(AccountId id, Label name, InboxLimit inboxLimit, Instant createdAt, boolean dropSpoofedLocalMail) {
        this.id = Objects.requireNonNull(id);
        this.name = name;
        this.inboxLimit = Objects.requireNonNull(inboxLimit);
        this.createdAt = Objects.requireNonNull(createdAt).truncatedTo(ChronoUnit.MILLIS);
        this.dropSpoofedLocalMail = dropSpoofedLocalMail;
    }

    public static Account open(Label name, InboxLimit inboxLimit, Instant now) {
        return new Account(AccountId.generate(), name, inboxLimit, now, false);
    }

    /** Rebuilds an account from storage. */
    public static Account reconstitute(AccountId id, Label name, InboxLimit inboxLimit, Instant createdAt) {
        return new Account(id, name, inboxLimit, createdAt, false);
    }

    /** Rebuilds an account from storage, with its choice about spoofed local mail. */
    public static Account reconstitute(AccountId id, Label name, InboxLimit inboxLimit, Instant createdAt,
                                       boolean dropSpoofedLocalMail) {
        return new Account(id, name, inboxLimit, createdAt, dropSpoofedLocalMail);
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
        return new Account(id, name, inboxLimit, createdAt, drop.applyTo(dropSpoofedLocalMail));
    }

    /** Whether mail from outside spoofing a sender on this installation's domains is dropped for this account. */
    public boolean dropSpoofedLocalMail() {
        return dropSpoofedLocalMail;
    }

    /** Renames the account or changes its limit; the name may be cleared, the limit may not. */
    public Account update(Change<Label> newName, Change<InboxLimit> newLimit) {
        if (newLimit.isPresent() && newLimit.applyTo(null) == null) {
            throw new InvalidInputException("inboxLimit", "inboxLimit cannot be null; send an integer from 0 to "
                    + InboxLimit.MAX + ".");
        }
        return new Account(id, newName.applyTo(name), newLimit.applyTo(inboxLimit), createdAt, dropSpoofedLocalMail);
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

    public static NotFoundException notFound(String idText) {
        return new NotFoundException("No account with id '" + idText + "'.");
    }
}
