package dev.openmail.adapters.rest.mail;

import com.fasterxml.jackson.core.JsonToken;
import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.adapters.rest.json.JsonStream;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ParsedAttachment;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attachments of a JSON send: {@code [{"filename", "contentType", "data"}]}, the bytes in base64 in {@code data},
 * read from the body's stream one by one. Each one's decoded size is known from its base64 alone, so a send past the
 * limit is refused before the attachment that crosses it is decoded; fields of an attachment nobody reads are skipped.
 */
final class JsonAttachments {

    /** Room for 25 MB of attachments in base64 (4 characters for every 3 bytes) and the rest of a message. */
    static final int MAX_SEND_JSON_BYTES = (int) (OutgoingMail.MAX_ATTACHMENT_BYTES / 3 * 4) + 2 * 1024 * 1024;

    private static final String FIELD = "attachments";
    private static final String DEFAULT_TYPE = "application/octet-stream";
    private static final Set<String> DESCRIPTION = Set.of("filename", "contentType");

    private JsonAttachments() {
    }

    /** The attachments whose value starts at {@code value}; none for {@code null}. */
    static List<ParsedAttachment> read(JsonStream stream, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        String notObjects = "Field '" + FIELD + "' must be an array of objects.";
        if (value != JsonToken.START_ARRAY) {
            throw new InvalidInputException(FIELD, notObjects);
        }
        List<ParsedAttachment> attachments = new ArrayList<>();
        long total = 0;
        for (JsonToken item = stream.next(); item != JsonToken.END_ARRAY; item = stream.next()) {
            if (item != JsonToken.START_OBJECT) {
                throw new InvalidInputException(FIELD, notObjects);
            }
            if (attachments.size() == OutgoingMail.MAX_ATTACHMENTS) {
                throw OutgoingMail.tooManyAttachments();
            }
            String path = FIELD + "[" + attachments.size() + "]";
            long room = OutgoingMail.MAX_ATTACHMENT_BYTES - total;
            byte[][] data = new byte[1][];
            JsonObject description = stream.object(path + ".", DESCRIPTION, Map.of("data", (json, token) -> {
                if (token == JsonToken.VALUE_STRING) {
                    data[0] = json.base64(path + ".data", length -> {
                        if (length > room) {
                            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                                    "Attachments may total at most 25 MB per message.");
                        }
                    });
                } else if (token != JsonToken.VALUE_NULL) {
                    throw new InvalidInputException(path + ".data", "Field '" + path + ".data' must be a string or null.");
                }
            }));
            String name = description.string("filename").applyTo(null);
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(path + ".filename", "Field '" + path + ".filename' is required: the"
                        + " attachment's file name.");
            }
            String type = description.string("contentType").applyTo(null);
            if (data[0] == null) {
                throw new InvalidInputException(path + ".data", "Field '" + path + ".data' is required: the file's"
                        + " bytes in base64.");
            }
            total += data[0].length;
            attachments.add(new ParsedAttachment(name, type == null || type.isBlank() ? DEFAULT_TYPE : type, data[0]));
        }
        return List.copyOf(attachments);
    }
}
