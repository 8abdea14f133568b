package dev.openmail.application.fakes;

import dev.openmail.domain.mail.Composition;
import dev.openmail.domain.port.out.ComposeMail;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a Composition as plain RFC 5322 text with CRLF line ends (no encoding of non-ASCII text, and no attachment
 * parts: no use-case test reads them back from the raw form), and keeps every Composition it was given, so that tests
 * can check what the use case asked to be written. Text and HTML bodies go into a multipart/alternative body, which
 * {@link SimpleMailParser} reads back.
 */
public final class RecordingComposer implements ComposeMail {

    public static final String BOUNDARY = "alt-boundary";

    private final List<Composition> compositions = new ArrayList<>();

    public synchronized List<Composition> compositions() {
        return List.copyOf(compositions);
    }

    /** The last Composition written; fails when there was none. */
    public synchronized Composition last() {
        if (compositions.isEmpty()) {
            throw new AssertionError("nothing was composed");
        }
        return compositions.get(compositions.size() - 1);
    }

    @Override
    public synchronized byte[] compose(Composition composition) {
        compositions.add(composition);
        StringBuilder out = new StringBuilder();
        String from = composition.fromDisplayName() == null ? composition.fromAddress()
                : "\"" + composition.fromDisplayName() + "\" <" + composition.fromAddress() + ">";
        header(out, "From", from);
        header(out, "To", String.join(", ", composition.to()));
        if (!composition.cc().isEmpty()) {
            header(out, "Cc", String.join(", ", composition.cc()));
        }
        if (composition.replyTo() != null) {
            header(out, "Reply-To", composition.replyTo());
        }
        header(out, "Subject", composition.subject());
        header(out, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(composition.date().atOffset(ZoneOffset.UTC)));
        header(out, "Message-ID", "<" + composition.rfcMessageId() + ">");
        if (composition.inReplyTo() != null) {
            header(out, "In-Reply-To", "<" + composition.inReplyTo() + ">");
        }
        if (!composition.references().isEmpty()) {
            header(out, "References", composition.references().stream().map(id -> "<" + id + ">")
                    .collect(Collectors.joining(" ")));
        }
        header(out, "MIME-Version", "1.0");
        if (composition.bodyHtml() == null) {
            header(out, "Content-Type", "text/plain; charset=UTF-8");
            out.append("\r\n").append(crlf(composition.bodyText()));
        } else {
            header(out, "Content-Type", "multipart/alternative; boundary=\"" + BOUNDARY + "\"");
            out.append("\r\n--").append(BOUNDARY).append("\r\n")
                    .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n").append(crlf(composition.bodyText()))
                    .append("\r\n--").append(BOUNDARY).append("\r\n")
                    .append("Content-Type: text/html; charset=UTF-8\r\n\r\n").append(crlf(composition.bodyHtml()))
                    .append("\r\n--").append(BOUNDARY).append("--\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void header(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value).append("\r\n");
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
