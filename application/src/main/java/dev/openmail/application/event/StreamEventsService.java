package dev.openmail.application.event;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.event.EventFilter;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.Subscriber;
import dev.openmail.domain.event.SubscriberId;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.in.StreamEvents;
import dev.openmail.domain.port.out.LiveSubscribers;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The WebSocket stream's rules. A connection counts against its account's limit from the moment it opens, across all
 * server processes: the count and the insert happen under the account's row lock. An inbox is subscribed to only when
 * the key may read mail there; an inbox that does not exist, is another account's or is outside the key's reach gets
 * the same refusal, which names no id.
 */
public final class StreamEventsService implements StreamEvents {

    static final String FOREIGN_INBOX = "An inbox in inbox_ids is not one this key may read; subscribe only to"
            + " inboxes of this account within the key's reach.";
    static final String UNKNOWN_LAST_EVENT = "last_event_id is not an event of this account's log (unknown, another"
            + " account's, or no longer kept); subscribe without it to receive new events.";

    private final Transactions transactions;
    private final LoadAccounts loadAccounts;
    private final LoadApiKeys loadApiKeys;
    private final LoadInboxes loadInboxes;
    private final LoadEvents loadEvents;
    private final LiveSubscribers subscribers;
    private final Clock clock;

    public StreamEventsService(Transactions transactions, LoadAccounts loadAccounts, LoadApiKeys loadApiKeys,
                               LoadInboxes loadInboxes, LoadEvents loadEvents, LiveSubscribers subscribers,
                               Clock clock) {
        this.transactions = transactions;
        this.loadAccounts = loadAccounts;
        this.loadApiKeys = loadApiKeys;
        this.loadInboxes = loadInboxes;
        this.loadEvents = loadEvents;
        this.subscribers = subscribers;
        this.clock = clock;
    }

    @Override
    public boolean connect(Caller caller, SubscriberId id, String instance) {
        Access.requireKind(caller, Action.READ_MAIL);
        AccountId accountId = caller.accountId();
        return transactions.inTransaction(() -> {
            if (loadAccounts.findForUpdate(accountId).isEmpty()) {
                return false;
            }
            Instant now = clock.instant();
            if (subscribers.countLive(accountId, now.minus(Subscriber.DEAD_AFTER)) >= Subscriber.MAX_PER_ACCOUNT) {
                return false;
            }
            subscribers.add(new Subscriber(id, instance, accountId, caller.keyId(), caller.scope(), EventFilter.NONE),
                    now);
            return true;
        });
    }

    @Override
    public Subscribed subscribe(Subscribe command) {
        Caller caller = command.caller();
        Access.requireKind(caller, Action.READ_MAIL);
        Set<EventType> types = eventTypes(command.eventTypes());
        List<String> ids = command.inboxIds() == null ? List.of() : command.inboxIds();
        if (ids.size() > MAX_INBOX_IDS_PER_MESSAGE) {
            throw new InvalidInputException("inbox_ids", "A subscribe may name at most " + MAX_INBOX_IDS_PER_MESSAGE
                    + " inboxes; send several.");
        }
        EventId after = lastEventId(command.lastEventId());
        return transactions.inTransaction(() -> {
            Set<InboxId> inboxes = new LinkedHashSet<>();
            for (String id : ids) {
                inboxes.add(readable(caller, id));
            }
            EventFilter filter = command.current().plus(inboxes, types);
            if (filter.inboxIds().size() > MAX_INBOX_IDS) {
                throw new InvalidInputException("inbox_ids", "A connection may subscribe to at most " + MAX_INBOX_IDS
                        + " inboxes one by one; subscribe without inbox_ids to hear all of them.");
            }
            List<LoggedEvent> replay = List.of();
            if (after != null) {
                replay = loadEvents.ofAccountAfter(caller.accountId(), after, REPLAY_LIMIT)
                        .orElseThrow(() -> new InvalidInputException("last_event_id", UNKNOWN_LAST_EVENT))
                        .stream().filter(logged -> filter.hears(logged.event(), caller.scope())).toList();
            }
            subscribers.update(command.id(), filter);
            return new Subscribed(filter, replay);
        });
    }

    @Override
    public EventFilter unsubscribe(Caller caller, SubscriberId id, EventFilter current, List<String> inboxIds) {
        Access.requireKind(caller, Action.READ_MAIL);
        Set<InboxId> inboxes = new LinkedHashSet<>();
        for (String inboxId : inboxIds == null ? List.<String>of() : inboxIds) {
            if (InboxId.isWellFormed(inboxId)) {
                inboxes.add(new InboxId(inboxId));
            }
        }
        if (inboxIds != null && !inboxIds.isEmpty() && inboxes.isEmpty()) {
            return current;
        }
        EventFilter left;
        try {
            left = current.minus(inboxes);
        } catch (IllegalStateException allInboxes) {
            throw new InvalidInputException("inbox_ids", "This connection is subscribed to all inboxes, so there is no"
                    + " list to take inboxes from; unsubscribe without inbox_ids, then subscribe to the inboxes wanted.");
        }
        transactions.inTransaction(() -> subscribers.update(id, left));
        return left;
    }

    @Override
    public boolean stillValid(Caller caller) {
        Access.requireKind(caller, Action.READ_MAIL);
        return loadApiKeys.find(caller.accountId(), caller.keyId())
                .filter(key -> key.scope().equals(caller.scope())).isPresent();
    }

    @Override
    public void disconnect(Caller caller, SubscriberId id) {
        Access.requireKind(caller, Action.READ_MAIL);
        transactions.inTransaction(() -> subscribers.remove(id));
    }

    private InboxId readable(Caller caller, String id) {
        if (!InboxId.isWellFormed(id)) {
            throw new InvalidInputException("inbox_ids", FOREIGN_INBOX);
        }
        Optional<Inbox> inbox = loadInboxes.find(caller.accountId(), new InboxId(id));
        if (inbox.isEmpty()) {
            throw new InvalidInputException("inbox_ids", FOREIGN_INBOX);
        }
        try {
            Access.require(caller, Action.READ_MAIL, inbox.get().place());
        } catch (ForbiddenException outsideTheKey) {
            throw new InvalidInputException("inbox_ids", FOREIGN_INBOX);
        }
        return inbox.get().id();
    }

    private static Set<EventType> eventTypes(List<String> names) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String name : names == null ? List.<String>of() : names) {
            EventType type = Arrays.stream(EventType.values()).filter(known -> known.wireName().equals(name))
                    .findFirst().orElseThrow(() -> new InvalidInputException("event_types", "An event type in"
                            + " event_types is unknown; the types are " + Arrays.stream(EventType.values())
                            .map(EventType::wireName).collect(Collectors.joining(", ")) + "."));
            types.add(type);
        }
        return types;
    }

    private static EventId lastEventId(String text) {
        if (text == null) {
            return null;
        }
        if (!EventId.isWellFormed(text)) {
            throw new InvalidInputException("last_event_id", UNKNOWN_LAST_EVENT);
        }
        return new EventId(text);
    }
}
