package dev.openmail.adapters.rest.mail;

import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.adapters.rest.json.JsonStream;
import dev.openmail.domain.mail.ParsedAttachment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JSON send read as it streams by: its fields but the attachments, and the attachments decoded one by one. Fields this
 * server does not know are skipped without being built.
 *
 * @param fields the fields of {@link SendRequest} but {@code attachments}
 */
record JsonSend(JsonObject fields, List<ParsedAttachment> attachments) {

    private static final String ATTACHMENTS = "attachments";
    private static final Set<String> FIELDS = JsonBodies.fieldsOf(SendRequest.class).stream()
            .filter(field -> !field.equals(ATTACHMENTS)).collect(Collectors.toUnmodifiableSet());

    static JsonSend read(byte[] body) {
        List<List<ParsedAttachment>> attachments = new ArrayList<>(List.of(List.of()));
        JsonObject fields = JsonStream.readObject(body, JsonAttachments.MAX_SEND_JSON_BYTES, FIELDS,
                Map.of(ATTACHMENTS, (stream, value) -> attachments.set(0, JsonAttachments.read(stream, value))));
        return new JsonSend(fields, attachments.get(0));
    }
}
