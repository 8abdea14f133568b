package dev.openmail.adapters.rest.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.openmail.adapters.rest.PublicBaseUrl;
import dev.openmail.domain.event.EventAttachment;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MessageSnapshot;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.out.RenderEvents;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.SpamVerdict;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * The documented event payload, the same bytes for a webhook and the WebSocket: {@code event, event_id, occurred_at,
 * delivered_at, attempt, inbox_id, thread_id, message{id, rfc_message_id, from, to, cc, subject, body_text,
 * attachments[{filename, contentType, sizeBytes, url, parsedText, extractionMethod, parsedTextTruncated}],
 * received_at, authentication,
 * spam}} in that order.
 *
 * <ul>
 *   <li>Times are ISO-8601 in UTC with milliseconds ({@code 2024-03-21T10:05:00.000Z}).</li>
 *   <li>{@code rfc_message_id} carries its angle brackets, and is null for a message without one; {@code parsedText}
 *       and {@code extractionMethod} are what was known of the attachment's text when the event was recorded (null
 *       when none was read, as past the event deadline), {@code parsedTextTruncated} (an extension) whether the text
 *       was cut. No other string is null: a missing body is {@code ""}.</li>
 *   <li>{@code authentication} and {@code spam} are the extension objects of the API's message view, with the same
 *       fields: {@code {spf, dkim, dmarc, spoofedLocalSender}} for mail received over SMTP, and the spam scanner's
 *       verdict when one is configured; each null otherwise (sent mail, mail filed from another inbox here).</li>
 *   <li>An attachment's {@code url} is the download URL the API's message view gives
 *       ({@link PublicBaseUrl#attachment}).</li>
 *   <li>Text from mail is written by Jackson's generator: quotes, backslashes and control characters are escaped,
 *       U+2028 and U+2029 too (so that the payload is also a valid JavaScript literal), and a lone UTF-16 surrogate,
 *       which UTF-8 cannot encode, becomes U+FFFD.</li>
 * </ul>
 */
@Singleton
public final class EventJson implements RenderEvents {

    public static final String TEST_EVENT = "webhook.test";

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(new LineSeparatorEscapes());

    private final PublicBaseUrl baseUrl;

    public EventJson(PublicBaseUrl baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public byte[] payload(MailEvent event, int attempt, Instant deliveredAt) {
        Objects.requireNonNull(event);
        Objects.requireNonNull(deliveredAt);
        return write(json -> {
            json.writeStringField("event", event.type().wireName());
            json.writeStringField("event_id", event.id().value());
            json.writeStringField("occurred_at", time(event.occurredAt()));
            json.writeStringField("delivered_at", time(deliveredAt));
            json.writeNumberField("attempt", attempt);
            json.writeStringField("inbox_id", event.inboxId().value());
            json.writeStringField("thread_id", event.threadId().value());
            json.writeFieldName("message");
            message(json, event);
        });
    }

    @Override
    public byte[] testPayload(EventId id, InboxId inboxId, Instant at) {
        Objects.requireNonNull(id);
        Objects.requireNonNull(at);
        return write(json -> {
            json.writeStringField("event", TEST_EVENT);
            json.writeStringField("event_id", id.value());
            json.writeStringField("occurred_at", time(at));
            json.writeStringField("delivered_at", time(at));
            json.writeNumberField("attempt", 1);
            json.writeStringField("inbox_id", inboxId == null ? null : inboxId.value());
            json.writeNullField("thread_id");
            json.writeNullField("message");
        });
    }

    /** An instant as the payload writes it: UTC, milliseconds always shown. */
    public static String time(Instant instant) {
        return MILLIS.format(instant);
    }

    private void message(JsonGenerator json, MailEvent event) throws IOException {
        MessageSnapshot message = event.message();
        json.writeStartObject();
        json.writeStringField("id", event.messageId().value());
        json.writeStringField("rfc_message_id", rfcMessageId(message.rfcMessageId()));
        json.writeStringField("from", text(message.from()));
        json.writeStringField("to", text(message.to()));
        json.writeArrayFieldStart("cc");
        for (String cc : message.cc()) {
            json.writeString(text(cc));
        }
        json.writeEndArray();
        json.writeStringField("subject", text(message.subject()));
        json.writeStringField("body_text", text(message.bodyText()));
        json.writeArrayFieldStart("attachments");
        for (EventAttachment attachment : message.attachments()) {
            json.writeStartObject();
            json.writeStringField("filename", text(attachment.filename()));
            json.writeStringField("contentType", text(attachment.contentType()));
            json.writeNumberField("sizeBytes", attachment.sizeBytes());
            json.writeStringField("url", baseUrl.attachment(event.messageId().value(), attachment.filename()));
            json.writeStringField("parsedText", nullableText(attachment.parsedText()));
            json.writeStringField("extractionMethod", nullableText(attachment.extractionMethod()));
            json.writeBooleanField("parsedTextTruncated", attachment.parsedTextTruncated());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("received_at", time(message.receivedAt()));
        authentication(json, message.authentication());
        spam(json, message.spam());
        delivery(json, message.delivery());
        json.writeEndObject();
    }

    /**
     * An extension on the sent-mail events ({@code message.delivered}, {@code message.failed}, {@code message.bounced}):
     * what became of the message for each recipient. Absent from other events.
     */
    private static void delivery(JsonGenerator json, List<RecipientDelivery> delivery) throws IOException {
        if (delivery.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart("delivery");
        for (RecipientDelivery recipient : delivery) {
            json.writeStartObject();
            json.writeStringField("address", text(recipient.address()));
            json.writeStringField("status", recipient.state().wireName());
            json.writeStringField("reply", text(recipient.reply()));
            json.writeStringField("host", text(recipient.host()));
            json.writeNumberField("attempts", recipient.attempts());
            json.writeStringField("updated_at", time(recipient.updatedAt()));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void authentication(JsonGenerator json, Authentication authentication) throws IOException {
        if (authentication == null) {
            json.writeNullField("authentication");
            return;
        }
        json.writeObjectFieldStart("authentication");
        json.writeStringField("spf", authentication.spf().word());
        json.writeStringField("dkim", authentication.dkim().word());
        json.writeStringField("dmarc", authentication.dmarc().word());
        json.writeBooleanField("spoofedLocalSender", authentication.spoofedLocalSender());
        json.writeEndObject();
    }

    private static void spam(JsonGenerator json, SpamVerdict spam) throws IOException {
        if (spam == null) {
            json.writeNullField("spam");
            return;
        }
        json.writeObjectFieldStart("spam");
        json.writeStringField("status", spam.status().word());
        if (spam.status() == SpamVerdict.Status.SCANNED) {
            json.writeNumberField("score", spam.score());
            json.writeStringField("action", text(spam.action()));
            json.writeArrayFieldStart("symbols");
            for (String symbol : spam.symbols()) {
                json.writeString(text(symbol));
            }
            json.writeEndArray();
        } else {
            json.writeStringField("reason", text(spam.reason()));
        }
        json.writeEndObject();
    }

    private static String rfcMessageId(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        return "<" + text(stored.strip()) + ">";
    }

    private static String nullableText(String text) {
        return text == null ? null : text(text);
    }

    /** Never null; a lone surrogate (which no UTF-8 byte sequence can stand for) becomes U+FFFD. */
    static String text(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (fixed != null) {
                    fixed.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (fixed == null) {
                    fixed = new StringBuilder(text.length()).append(text, 0, i);
                }
                fixed.append('\uFFFD');
            } else if (fixed != null) {
                fixed.append(c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Jackson's standard escapes, and U+2028 / U+2029, which JavaScript before ES2019 takes for line ends. */
    private static final class LineSeparatorEscapes extends CharacterEscapes {

        private static final SerializableString LINE = new SerializedString("\\u2028");
        private static final SerializableString PARAGRAPH = new SerializedString("\\u2029");
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 ? LINE : ch == 0x2029 ? PARAGRAPH : null;
        }
    }
}
