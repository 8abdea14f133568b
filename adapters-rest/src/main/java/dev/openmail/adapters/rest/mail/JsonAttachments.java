package dev.openmail.adapters.rest.mail;

import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ParsedAttachment;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The attachments of a JSON send: {@code [{"filename", "contentType", "data"}]}, the bytes in base64 in {@code data}.
 * Their decoded size is known from the base64 alone, so a send past the limit is refused before anything is decoded.
 */
final class JsonAttachments {

    /** Room for 25 MB of attachments in base64 (4 characters for every 3 bytes) and the rest of a message. */
    static final int MAX_SEND_JSON_BYTES = (int) (OutgoingMail.MAX_ATTACHMENT_BYTES / 3 * 4) + 2 * 1024 * 1024;

    private static final String DEFAULT_TYPE = "application/octet-stream";

    private JsonAttachments() {
    }

    static List<ParsedAttachment> read(JsonObject send) {
        List<JsonObject> items = send.objectList("attachments").applyTo(null);
        if (items == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> data = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < items.size(); i++) {
            String field = "attachments[" + i + "]";
            String name = items.get(i).string("filename").applyTo(null);
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(field + ".filename", "Field '" + field + ".filename' is required: the"
                        + " attachment's file name.");
            }
            String type = items.get(i).string("contentType").applyTo(null);
            String base64 = items.get(i).string("data").applyTo(null);
            if (base64 == null) {
                throw new InvalidInputException(field + ".data", "Field '" + field + ".data' is required: the file's"
                        + " bytes in base64.");
            }
            base64 = withoutWhitespace(base64);
            total += decodedLength(base64);
            names.add(name);
            types.add(type == null || type.isBlank() ? DEFAULT_TYPE : type);
            data.add(base64);
        }
        if (total > OutgoingMail.MAX_ATTACHMENT_BYTES) {
            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "Attachments may total at most 25 MB per message.");
        }
        List<ParsedAttachment> attachments = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            try {
                attachments.add(new ParsedAttachment(names.get(i), types.get(i), Base64.getDecoder().decode(data.get(i))));
            } catch (IllegalArgumentException notBase64) {
                String field = "attachments[" + i + "].data";
                throw new InvalidInputException(field, "Field '" + field + "' must be the file's bytes in base64"
                        + " (A-Z a-z 0-9 + /, padded with =).");
            }
            data.set(i, null);
        }
        return List.copyOf(attachments);
    }

    /** Line breaks are common in base64 written by mail tools; they carry nothing. */
    private static String withoutWhitespace(String base64) {
        if (base64.chars().noneMatch(JsonAttachments::isWhitespace)) {
            return base64;
        }
        StringBuilder kept = new StringBuilder(base64.length());
        base64.chars().filter(c -> !isWhitespace(c)).forEach(c -> kept.append((char) c));
        return kept.toString();
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static long decodedLength(String base64) {
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return (long) base64.length() * 3 / 4 - padding;
    }
}
