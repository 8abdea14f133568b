package dev.openmail.application.mail;

import dev.openmail.domain.port.in.ReceiveMail;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The trace fields put in front of a received message: {@code Received} (RFC 5321 §4.4) and others given. */
final class TraceHeaders {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private TraceHeaders() {
    }

    /**
     * {@code from <helo> ([<ip>]) by <host> with ESMTP id <id> [for <rcpt>]; <date>}, folded; the HELO name and the
     * address are written as the client gave them, reduced to characters that cannot end or break the field.
     */
    static String received(ReceiveMail.Command command, String hostName, Instant now) {
        String helo = command.helo() == null || command.helo().isBlank() ? "unknown" : safe(command.helo());
        String ip = safe(command.clientIp());
        String literal = ip.indexOf(':') >= 0 ? "[IPv6:" + ip + "]" : "[" + ip + "]";
        StringBuilder field = new StringBuilder("Received: from ").append(helo).append(" (").append(literal)
                .append(")\n\tby ").append(safe(hostName)).append(" with ESMTP id ")
                .append(UUID.randomUUID().toString().replace("-", ""));
        List<String> recipients = command.recipients();
        if (recipients.size() == 1) {
            field.append("\n\tfor <").append(safe(recipients.get(0))).append('>');
        }
        return field.append(";\n\t").append(DATE.format(now)).toString();
    }

    /** The fields, each on its own lines, in front of {@code raw}, with the line breaks {@code raw} uses. */
    static byte[] prepend(byte[] raw, String... fields) {
        String lineBreak = usesCrLf(raw) ? "\r\n" : "\n";
        StringBuilder header = new StringBuilder();
        for (String field : fields) {
            header.append(field.replace("\r\n", "\n").replace("\n", lineBreak)).append(lineBreak);
        }
        byte[] head = header.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + raw.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(raw, 0, out, head.length, raw.length);
        return out;
    }

    private static boolean usesCrLf(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i > 0 && raw[i - 1] == '\r';
            }
        }
        return true;
    }

    private static String safe(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 255; i++) {
            char c = value.charAt(i);
            if (c > ' ' && c < 127 && c != '(' && c != ')' && c != ';' && c != '<' && c != '>' && c != '[' && c != ']') {
                out.append(c);
            }
        }
        return out.isEmpty() ? "unknown" : out.toString();
    }
}
