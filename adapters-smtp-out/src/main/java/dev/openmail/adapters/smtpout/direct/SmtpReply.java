package dev.openmail.adapters.smtpout.direct;

/**
 * One SMTP reply: its code and its text, the lines of a multi-line reply joined by {@code " | "}, control characters
 * replaced so that the text can be stored and shown as it is; {@code lines} holds the lines themselves (the first
 * hundred).
 */
record SmtpReply(int code, String text, java.util.List<String> lines) {

    SmtpReply {
        lines = java.util.List.copyOf(lines);
    }

    boolean positive() {
        return code >= 200 && code < 300;
    }

    boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    boolean permanentFailure() {
        return code >= 500 && code < 600;
    }

    /** The reply as the server wrote it, such as {@code 550 5.1.1 no such user}. */
    @Override
    public String toString() {
        return text;
    }
}
