package dev.openmail.application.fakes;

import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.port.out.ParseMail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parser good enough for use-case tests: "Header: value" lines (folded lines joined), a blank line, then the body.
 * It reads From, To, Cc, Subject, Message-ID, In-Reply-To, References and Content-Type, takes addresses out of
 * "Name &lt;address&gt;" and folds them to lower case, and drops the angle brackets of message ids, as the real parser
 * does. A body of type text/html is the HTML body; a multipart/alternative body (as {@link RecordingComposer} writes
 * it) gives both. What a test needs beyond that (attachments, say) it scripts for exact raw bytes.
 */
public final class SimpleMailParser implements ParseMail {

    private final Map<String, ParsedMail> scripted = new HashMap<>();
    private int calls;

    /** From now on, exactly these bytes parse to {@code mail}. */
    public SimpleMailParser script(byte[] raw, ParsedMail mail) {
        scripted.put(new String(raw, StandardCharsets.UTF_8), mail);
        return this;
    }

    public int calls() {
        return calls;
    }

    @Override
    public ParsedMail parse(byte[] raw) {
        calls++;
        String text = new String(raw, StandardCharsets.UTF_8);
        ParsedMail script = scripted.get(text);
        if (script != null) {
            return script;
        }
        String normalized = text.replace("\r\n", "\n");
        int split = normalized.indexOf("\n\n");
        String head = split < 0 ? normalized : normalized.substring(0, split);
        String body = split < 0 ? "" : normalized.substring(split + 2);
        Map<String, String> headers = headers(head);

        String bodyText = body;
        String bodyHtml = null;
        String contentType = headers.getOrDefault("content-type", "text/plain").toLowerCase(Locale.ROOT);
        if (contentType.startsWith("text/html")) {
            bodyText = null;
            bodyHtml = body;
        } else if (contentType.startsWith("multipart/alternative")) {
            String boundary = headers.get("content-type").replaceAll("(?is).*boundary=\"?([^\";]+)\"?.*", "$1");
            bodyText = null;
            for (String part : body.split("\n?--" + Pattern.quote(boundary) + "(--)?\n?")) {
                int partSplit = part.indexOf("\n\n");
                if (partSplit < 0) {
                    continue;
                }
                String partType = headers(part.substring(0, partSplit)).getOrDefault("content-type", "text/plain");
                String content = part.substring(partSplit + 2);
                if (partType.toLowerCase(Locale.ROOT).startsWith("text/html")) {
                    bodyHtml = content;
                } else {
                    bodyText = content;
                }
            }
        }
        return new ParsedMail(address(headers.get("from")), addresses(headers.get("to")), addresses(headers.get("cc")),
                headers.get("subject"), messageId(headers.get("message-id")), messageId(headers.get("in-reply-to")),
                headers.containsKey("references") ? Arrays.stream(headers.get("references").trim().split("\\s+"))
                        .filter(id -> !id.isEmpty()).map(SimpleMailParser::messageId).toList() : List.of(),
                bodyText, bodyHtml, List.of());
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String last = null;
        for (String line : head.split("\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                headers.put(last, headers.get(last) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            // The first occurrence counts, as it does for the real parser's From and Subject.
            headers.putIfAbsent(last, line.substring(colon + 1).strip());
        }
        return headers;
    }

    private static String address(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        String address = open >= 0 && close > open ? value.substring(open + 1, close) : value;
        return address.strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> addresses(String value) {
        List<String> addresses = new ArrayList<>();
        if (value == null) {
            return addresses;
        }
        for (String part : value.split(",")) {
            String address = address(part);
            if (address != null) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    private static String messageId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String id = value.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id;
    }
}
