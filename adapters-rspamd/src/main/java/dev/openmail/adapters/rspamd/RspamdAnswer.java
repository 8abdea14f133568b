package dev.openmail.adapters.rspamd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.openmail.domain.mail.SpamVerdict;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the answer of {@code /checkv2}: a JSON object whose {@code score} (number), {@code action} (string) and
 * {@code symbols} (an object keyed by symbol name) make the verdict. ({@code is_skipped} is true when a rule decided
 * early, GTUBE for one, and rspamd stopped there: still a verdict.) Everything else is skipped as it streams by, so no tree of the document is built; nesting and string
 * lengths are bounded by the parser's constraints, and the input by the caller's cap.
 */
final class RspamdAnswer {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(64 * 1024)
                    .maxNumberLength(64).build())
            .build();

    static final class UnreadableException extends RuntimeException {
        UnreadableException(String message) {
            super(message);
        }
    }

    private RspamdAnswer() {
    }

    static SpamVerdict read(byte[] answer) {
        Double score = null;
        String action = null;
        List<String> symbols = null;
        try (JsonParser json = JSON.createParser(answer)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableException("not a JSON object");
            }
            JsonToken token;
            while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "score" -> {
                        if (!value.isNumeric()) {
                            throw new UnreadableException("score is not a number");
                        }
                        score = json.getDoubleValue();
                    }
                    case "action" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new UnreadableException("action is not a string");
                        }
                        action = json.getText();
                    }
                    case "symbols" -> symbols = symbols(json, value);
                    default -> json.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new UnreadableException("not one JSON object");
            }
        } catch (IOException e) {
            throw new UnreadableException("not JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (score == null || action == null) {
            throw new UnreadableException("no score or no action");
        }
        if (score.isNaN() || score.isInfinite()) {
            throw new UnreadableException("the score is not a finite number");
        }
        return SpamVerdict.scanned(score, action, symbols == null ? List.of() : symbols);
    }

    /** The names of an object of symbols, in their order; each symbol's details are skipped. */
    private static List<String> symbols(JsonParser json, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            throw new UnreadableException("symbols is not an object");
        }
        List<String> names = new ArrayList<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            if (names.size() < SpamVerdict.MAX_SYMBOLS) {
                names.add(json.currentName());
            }
            json.nextToken();
            json.skipChildren();
        }
        return names;
    }
}
