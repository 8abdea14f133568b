package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.LoggedEvent;

import java.util.List;

/** Reads the event log, oldest first. */
public interface LoadEvents {

    /**
     * At most {@code limit} events of the account written after {@code afterOrNull} (from the oldest kept when null,
     * or when that event is no longer kept).
     */
    List<LoggedEvent> ofAccountAfter(AccountId accountId, EventId afterOrNull, int limit);

    /** At most {@code limit} events of every account at positions after {@code position} (0: from the start). */
    List<LoggedEvent> after(long position, int limit);
}
