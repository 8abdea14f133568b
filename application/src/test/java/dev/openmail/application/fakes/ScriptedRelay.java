package dev.openmail.application.fakes;

import dev.openmail.domain.port.out.TransmitMail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A next hop whose answer a test chooses per recipient: taken, unavailable (try later), refused (never), busy (not
 * tried), or broken in a way the port does not describe (it throws). Every call is kept, answered or not.
 */
public final class ScriptedRelay implements TransmitMail {

    public enum Outcome { ACCEPT, UNAVAILABLE, REFUSED, BUSY, BROKEN }

    /** One hand-over: its envelopes and bytes. */
    public record Call(List<Envelope> envelopes, byte[] raw) {

        public List<String> recipients() {
            return envelopes.stream().map(Envelope::to).toList();
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Outcome> byRecipient = new HashMap<>();
    private Outcome byDefault = Outcome.ACCEPT;

    /** The answer for recipients that have none of their own. */
    public synchronized ScriptedRelay answer(Outcome outcome) {
        byDefault = outcome;
        return this;
    }

    /** The answer for {@code recipient}. */
    public synchronized ScriptedRelay answerFor(String recipient, Outcome outcome) {
        byRecipient.put(recipient, outcome);
        return this;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized List<RecipientResult> transmit(byte[] raw, List<Envelope> envelopes) {
        calls.add(new Call(List.copyOf(envelopes), raw.clone()));
        List<RecipientResult> results = new ArrayList<>();
        for (Envelope envelope : envelopes) {
            Outcome outcome = byRecipient.getOrDefault(envelope.to(), byDefault);
            results.add(switch (outcome) {
                case ACCEPT -> new RecipientResult(envelope.to(), TransmitMail.Outcome.DELIVERED, "250 2.0.0 ok",
                        "mx.example.net");
                case UNAVAILABLE -> new RecipientResult(envelope.to(), TransmitMail.Outcome.DEFERRED,
                        "421 4.3.2 busy, try later", "mx.example.net");
                case REFUSED -> new RecipientResult(envelope.to(), TransmitMail.Outcome.FAILED,
                        "550 5.1.1 no such user", "mx.example.net");
                case BUSY -> new RecipientResult(envelope.to(), TransmitMail.Outcome.NOT_TRIED,
                        "destination busy", "");
                case BROKEN -> throw new IllegalStateException("transmitter in a state it should never be in");
            });
        }
        return results;
    }
}
