package dev.openmail.adapters.rest.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.openmail.domain.event.EventFilter;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.inbox.InboxId;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** The server's own messages on the stream: {@code subscribed}, {@code unsubscribed}, {@code pong}, {@code error}. */
final class Replies {

    private static final JsonFactory FACTORY = new JsonFactory();

    private Replies() {
    }

    /** The active subscription; an empty list means all inboxes (or all event types). */
    static String subscribed(EventFilter filter) {
        return write(json -> {
            json.writeStringField("type", "subscribed");
            strings(json, "inbox_ids", filter.inboxIds().stream().map(InboxId::value).toList());
            strings(json, "event_types", filter.types().stream().map(EventType::wireName).toList());
        });
    }

    /** The inboxes taken out; empty when everything was. */
    static String unsubscribed(List<String> inboxIds) {
        return write(json -> {
            json.writeStringField("type", "unsubscribed");
            strings(json, "inbox_ids", inboxIds);
        });
    }

    static String pong() {
        return write(json -> json.writeStringField("type", "pong"));
    }

    static String error(String message) {
        return write(json -> {
            json.writeStringField("type", "error");
            json.writeStringField("message", message);
        });
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(Fields fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
