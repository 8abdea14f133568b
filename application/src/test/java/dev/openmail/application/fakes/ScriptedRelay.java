package dev.openmail.application.fakes;

import dev.openmail.domain.port.out.RelayMail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A relay whose answer a test chooses: taken, unavailable (try later), refused (never), or broken in a way the relay
 * port does not describe. The answer is the one set for the first recipient that has one, else the default. Every
 * call is kept, answered or not.
 */
public final class ScriptedRelay implements RelayMail {

    public enum Outcome { ACCEPT, UNAVAILABLE, REFUSED, BROKEN }

    /** One hand-over to the relay. */
    public record Call(String envelopeFrom, List<String> recipients, byte[] raw) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Outcome> byRecipient = new HashMap<>();
    private Outcome byDefault = Outcome.ACCEPT;

    /** The answer for messages to recipients that have none of their own. */
    public synchronized ScriptedRelay answer(Outcome outcome) {
        byDefault = outcome;
        return this;
    }

    /** The answer for any message with {@code recipient} among its recipients. */
    public synchronized ScriptedRelay answerFor(String recipient, Outcome outcome) {
        byRecipient.put(recipient, outcome);
        return this;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized void relay(String envelopeFrom, List<String> recipients, byte[] raw) {
        calls.add(new Call(envelopeFrom, List.copyOf(recipients), raw.clone()));
        Outcome outcome = recipients.stream().filter(byRecipient::containsKey).findFirst()
                .map(byRecipient::get).orElse(byDefault);
        switch (outcome) {
            case ACCEPT -> {
            }
            case UNAVAILABLE -> throw new RelayUnavailableException("421 relay busy, try later", null);
            case REFUSED -> throw new RelayRefusedException("550 no such user", null);
            case BROKEN -> throw new IllegalStateException("relay client in a state it should never be in");
        }
    }
}
