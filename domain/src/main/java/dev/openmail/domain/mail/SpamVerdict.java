package dev.openmail.domain.mail;

import java.util.List;
import java.util.Objects;

/**
 * What the spam scanner said of a received message: scanned, with its score, the action it recommends and the names
 * of the rules (symbols) that matched; or unscanned, with the reason (the scanner was slow, down, or answered
 * something unreadable). The message is filed either way: the verdict informs, it never refuses.
 *
 * @param score   scanned only
 * @param action  scanned only: the scanner's word, e.g. {@code no action}, {@code add header}, {@code reject}
 * @param symbols scanned only: the matched rules' names, in the scanner's order
 * @param reason  unscanned only
 */
public record SpamVerdict(Status status, Double score, String action, List<String> symbols, String reason) {

    /** At most this many symbols are kept; a scanner naming more is cut short. */
    public static final int MAX_SYMBOLS = 200;
    /** Symbol names, actions and reasons longer than this are cut. */
    public static final int MAX_TEXT = 128;

    public enum Status {
        SCANNED, UNSCANNED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SpamVerdict {
        Objects.requireNonNull(status);
        symbols = symbols == null ? List.of()
                : symbols.stream().limit(MAX_SYMBOLS).map(SpamVerdict::cut).toList();
        action = cut(action);
        reason = cut(reason);
        if (status == Status.SCANNED) {
            Objects.requireNonNull(score, "score");
            Objects.requireNonNull(action, "action");
        } else {
            Objects.requireNonNull(reason, "reason");
        }
    }

    public static SpamVerdict scanned(double score, String action, List<String> symbols) {
        return new SpamVerdict(Status.SCANNED, score, action, symbols, null);
    }

    public static SpamVerdict unscanned(String reason) {
        return new SpamVerdict(Status.UNSCANNED, null, null, List.of(), reason);
    }

    private static String cut(String text) {
        if (text == null) {
            return null;
        }
        String single = text.replace('\n', ' ').replace('\r', ' ');
        return single.length() <= MAX_TEXT ? single : single.substring(0, MAX_TEXT);
    }
}
