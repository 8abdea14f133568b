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

    private Account(AccountId id, Label name, InboxLimit inboxLimit, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.name = name;
        this.inboxLimit = Objects.requireNonNull(inboxLimit);
        this.createdAt = Objects.requireNonNull(createdAt).truncatedTo(ChronoUnit.MILLIS);
    }

    public static Account open(Label name, InboxLimit inboxLimit, Instant now) {
        return new Account(AccountId.generate(), name, inboxLimit, now);
    }

    /** Rebuilds an account from storage. */
    public static Account reconstitute(AccountId id, Label name, InboxLimit inboxLimit, Instant createdAt) {
        return new Account(id, name, inboxLimit, createdAt);
    }

    /** Renames the account or changes its limit; the name may be cleared, the limit may not. */
    public Account update(Change<Label> newName, Change<InboxLimit> newLimit) {
        if (newLimit.isPresent() && newLimit.applyTo(null) == null) {
            throw new InvalidInputException("inboxLimit", "inboxLimit cannot be null; send an integer from 0 to "
                    + InboxLimit.MAX + ".");
        }
        return new Account(id, newName.applyTo(name), newLimit.applyTo(inboxLimit), createdAt);
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
