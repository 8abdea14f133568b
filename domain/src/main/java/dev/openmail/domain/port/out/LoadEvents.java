package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.MailEvent;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the event log, oldest first. */
public interface LoadEvents {

    /** At most {@code limit} events of the account, from the oldest kept. */
    List<LoggedEvent> ofAccount(AccountId accountId, int limit);

    /**
     * At most {@code limit} events of the account written after {@code after}; empty when {@code after} is no event
     * of the account's log (never one, another account's, or no longer kept), so that a reader resuming from it learns
     * that events may have been missed.
     */
    Optional<List<LoggedEvent>> ofAccountAfter(AccountId accountId, EventId after, int limit);

    /** The position of the account's event {@code id}, while the log keeps it. */
    OptionalLong positionOf(AccountId accountId, EventId id);

    /** At most {@code limit} events of the account at positions after {@code position} (0: from the start). */
    List<LoggedEvent> ofAccountAfterPosition(AccountId accountId, long position, int limit);

    /** The account's latest event visible now, while the log keeps any. */
    Optional<LoggedEvent> lastOfAccount(AccountId accountId);

    /** The greatest position of the log visible now (0 for an empty log): where a new follower starts. */
    long lastPosition();

    /** At most {@code limit} events of every account at positions after {@code position} (0: from the start). */
    List<LoggedEvent> after(long position, int limit);

    /** The account's event {@code id}, while the log keeps it. */
    Optional<MailEvent> find(AccountId accountId, EventId id);
}
