package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MailWatch;
import dev.openmail.domain.inbox.InboxId;

import java.util.List;

/**
 * Watching for mail that arrives, as an agent's "wait for new mail" does: a watch follows the account's event log from
 * a cursor (or from now) and hands on each {@code message.received} event in the inboxes it watches, once. The caller
 * decides how long to wait between polls; nothing is held in the database or locked between them.
 */
public interface WatchNewMail {

    /**
     * Opens a watch over {@code inboxOrNull} (null: every inbox the key may read) from just after the account's event
     * {@code sinceOrNull} (null: from now).
     *
     * @throws dev.openmail.domain.common.InvalidInputException when {@code sinceOrNull} is no event of the account's
     *                                                          log, or no longer kept
     */
    MailWatch open(Caller caller, InboxId inboxOrNull, EventId sinceOrNull);

    /** The messages received since the watch's last poll (or its opening), oldest first; often none. */
    List<MailEvent> poll(Caller caller, MailWatch watch);
}
