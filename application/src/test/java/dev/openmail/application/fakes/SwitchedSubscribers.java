package dev.openmail.application.fakes;

import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.port.out.EventSubscribers;

import java.time.Instant;
import java.util.function.Predicate;

/** WebSocket subscribers as a test sets them: by default no one listens. */
public final class SwitchedSubscribers implements EventSubscribers {

    private volatile Predicate<MailEvent> listening = event -> false;

    public SwitchedSubscribers listeningTo(Predicate<MailEvent> which) {
        this.listening = which;
        return this;
    }

    @Override
    public boolean subscribed(MailEvent event, Instant now) {
        return listening.test(event);
    }
}
