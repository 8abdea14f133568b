package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.inbox.InboxId;

import java.util.List;

/**
 * Watching for mail that arrives, as an agent's "wait for new mail" does: a watch follows the account's event log from
 * a cursor (or from now) and hands on each {@code message.received} event in the inboxes it watches, once. The caller
 * decides how long to wait between polls; the watch holds no lock and no connection between them.
 */
public interface WatchNewMail {

    /**
     * Opens a watch over {@code inboxOrNull} (null: every inbox the key may read) from just after the account's event
     * {@code sinceOrNull} (null: from now).
     *
     * @throws dev.openmail.domain.common.InvalidInputException when {@code sinceOrNull} is no event of the account's
     *                                                          log, or no longer kept
     */
    Watch open(Caller caller, InboxId inboxOrNull, EventId sinceOrNull);

    /** One watch, owned by one thread. */
    interface Watch {

        /** The messages received since the last poll (or the opening), oldest first; often none. */
        List<MailEvent> poll();

        /**
         * Where a next watch resumes so that it misses nothing and repeats nothing: the latest event of the account
         * this watch has passed. Null only while the account has no event at all.
         */
        EventId cursor();
    }
}
