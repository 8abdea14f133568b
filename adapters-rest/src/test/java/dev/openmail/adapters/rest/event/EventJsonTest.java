package dev.openmail.adapters.rest.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.openmail.adapters.rest.BaseUrls;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.PrefixedId;
import dev.openmail.domain.event.EventAttachment;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MessageSnapshot;
import dev.openmail.domain.mail.AuthResult;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.SpamVerdict;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.pod.PodId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented payload: every field in its order, the null rules, URLs, and text from strangers kept intact. */
class EventJsonTest {

    private static final JsonFactory JSON = new JsonFactory();
    private static final EventJson EVENTS = new EventJson(BaseUrls.configured("https://mail.example.com/base/"));
    private static final AccountId ACCOUNT = new AccountId(PrefixedId.generate("acc_"));
    private static final PodId POD = new PodId(PrefixedId.generate("pod_"));
    private static final InboxId INBOX = new InboxId(PrefixedId.generate("inb_"));
    private static final ThreadId THREAD = new ThreadId(PrefixedId.generate("thr_"));
    private static final MessageId MESSAGE = new MessageId(PrefixedId.generate("msg_"));
    private static final Instant OCCURRED = Instant.parse("2024-03-21T10:05:00Z");
    private static final Instant DELIVERED = Instant.parse("2024-03-21T10:05:01.234567Z");

    @Test
    void everyFieldInTheDocumentedOrder() throws Exception {
        MailEvent event = event("Message@Example.COM", List.of("a@example.com", "b@example.com"), "Hello", "Body",
                List.of(new EventAttachment("document.pdf", "application/pdf", 12345, null, null)));

        JsonNode read = parse(EVENTS.payload(event, 3, DELIVERED));

        assertEquals(List.of("event", "event_id", "occurred_at", "delivered_at", "attempt", "inbox_id", "thread_id",
                "message"), names(read));
        assertEquals("message.received", read.get("event").asText());
        assertEquals(event.id().value(), read.get("event_id").asText());
        assertEquals("2024-03-21T10:05:00.000Z", read.get("occurred_at").asText());
        assertEquals("2024-03-21T10:05:01.234Z", read.get("delivered_at").asText());
        assertEquals(3, read.get("attempt").asInt());
        assertTrue(read.get("attempt").isInt());
        assertEquals(INBOX.value(), read.get("inbox_id").asText());
        assertEquals(THREAD.value(), read.get("thread_id").asText());
        JsonNode message = read.get("message");
        assertEquals(List.of("id", "rfc_message_id", "from", "to", "cc", "subject", "body_text", "attachments",
                "received_at", "authentication", "spam"), names(message));
        assertTrue(message.get("authentication").isNull(), "not checked: null, as in the message view");
        assertTrue(message.get("spam").isNull(), "no scanner: null");
        assertEquals(MESSAGE.value(), message.get("id").asText());
        assertEquals("<Message@Example.COM>", message.get("rfc_message_id").asText());
        assertEquals("sender@example.com", message.get("from").asText());
        assertEquals("agent@openmail.localhost", message.get("to").asText());
        assertEquals(List.of("a@example.com", "b@example.com"), texts(message.get("cc")));
        assertEquals("Hello", message.get("subject").asText());
        assertEquals("Body", message.get("body_text").asText());
        assertEquals("2024-03-21T10:04:59.500Z", message.get("received_at").asText());
        JsonNode attachment = message.get("attachments").get(0);
        assertEquals(List.of("filename", "contentType", "sizeBytes", "url", "parsedText", "extractionMethod",
                "parsedTextTruncated"), names(attachment));
        assertEquals("document.pdf", attachment.get("filename").asText());
        assertEquals("application/pdf", attachment.get("contentType").asText());
        assertEquals(12345, attachment.get("sizeBytes").asLong());
        assertEquals("https://mail.example.com/base/v1/attachments/" + MESSAGE.value() + "/document.pdf",
                attachment.get("url").asText());
        assertTrue(attachment.get("parsedText").isNull());
        assertTrue(attachment.get("extractionMethod").isNull());
        assertFalse(attachment.get("parsedTextTruncated").asBoolean());
    }

    @Test
    void aMessageWithoutMessageIdBodyOrCopiesHasNullIdEmptyBodyAndEmptyLists() throws Exception {
        JsonNode message = parse(EVENTS.payload(event(null, List.of(), "", null, List.of()), 1, DELIVERED))
                .get("message");

        assertTrue(message.has("rfc_message_id") && message.get("rfc_message_id").isNull());
        assertEquals("", message.get("body_text").asText());
        assertTrue(message.get("body_text").isTextual());
        assertEquals("", message.get("subject").asText());
        assertTrue(message.get("cc").isArray() && message.get("cc").isEmpty());
        assertTrue(message.get("attachments").isArray() && message.get("attachments").isEmpty());
    }

    @Test
    void attachmentNamesAreEncodedAsTheMessageViewEncodesThem() throws Exception {
        MailEvent event = event(null, List.of(), "s", "b", List.of(
                new EventAttachment("my report (final)+1.pdf", "application/pdf", 1, null, null),
                new EventAttachment("ü/../é?#&.txt", "text/plain", 2, "text", "ocr", true)));

        JsonNode attachments = parse(EVENTS.payload(event, 1, DELIVERED)).get("message").get("attachments");

        String base = "https://mail.example.com/base/v1/attachments/" + MESSAGE.value() + "/";
        assertEquals(base + "my%20report%20%28final%29%2B1.pdf", attachments.get(0).get("url").asText());
        assertEquals(base + "%C3%BC%2F..%2F%C3%A9%3F%23%26.txt", attachments.get(1).get("url").asText());
        assertEquals("text", attachments.get(1).get("parsedText").asText());
        assertEquals("ocr", attachments.get(1).get("extractionMethod").asText());
        assertTrue(attachments.get(1).get("parsedTextTruncated").asBoolean());
    }

    @Test
    void hostileTextIsValidJsonThatReadsBackAsTheSameText() throws Exception {
        String hostile = "\"quoted\" \\back\\slash\\ </script> \u0000\u0001\u001f\u007f tab\t nl\n cr\r"
                + " \u2028line\u2029para \uD83D\uDE00 emoji \u00e9 \uFEFF bom ${x} \" , \"event\": \"forged\"";
        MailEvent event = event(hostile, List.of(hostile), hostile, hostile,
                List.of(new EventAttachment(hostile, hostile, 1, null, null)));

        byte[] payload = EVENTS.payload(event, 1, DELIVERED);
        JsonNode read = parse(payload);

        JsonNode message = read.get("message");
        assertEquals("message.received", read.get("event").asText());
        assertEquals("<" + hostile.strip() + ">", message.get("rfc_message_id").asText());
        assertEquals(hostile, message.get("cc").get(0).asText());
        assertEquals(hostile, message.get("subject").asText());
        assertEquals(hostile, message.get("body_text").asText());
        assertEquals(hostile, message.get("attachments").get(0).get("filename").asText());
        String raw = new String(payload, StandardCharsets.UTF_8);
        assertFalse(raw.contains("\u2028") || raw.contains("\u2029"), "line separators are escaped");
        for (char c : raw.toCharArray()) {
            assertTrue(c >= 0x20, "no raw control character in the payload");
        }
    }

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacterAndTheRestIsKept() throws Exception {
        String subject = "a\uD800b\uDC00c\uD83D\uDE00d\uDBFF";
        MailEvent event = event(null, List.of(), subject, "x\uDFFFy", List.of());

        byte[] payload = EVENTS.payload(event, 1, DELIVERED);
        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(payload));
        JsonNode message = parse(payload).get("message");

        assertEquals("a\uFFFDb\uFFFDc\uD83D\uDE00d\uFFFD", message.get("subject").asText());
        assertEquals("x\uFFFDy", message.get("body_text").asText());
    }

    @Test
    void theTestPayloadHasNoThreadAndNoMessage() throws Exception {
        EventId id = EventId.generate();

        JsonNode forInbox = parse(EVENTS.testPayload(id, INBOX, OCCURRED));
        JsonNode forAccount = parse(EVENTS.testPayload(id, null, OCCURRED));

        assertEquals(List.of("event", "event_id", "occurred_at", "delivered_at", "attempt", "inbox_id", "thread_id",
                "message"), names(forInbox));
        assertEquals("webhook.test", forInbox.get("event").asText());
        assertEquals(id.value(), forInbox.get("event_id").asText());
        assertEquals("2024-03-21T10:05:00.000Z", forInbox.get("occurred_at").asText());
        assertEquals("2024-03-21T10:05:00.000Z", forInbox.get("delivered_at").asText());
        assertEquals(1, forInbox.get("attempt").asInt());
        assertEquals(INBOX.value(), forInbox.get("inbox_id").asText());
        assertTrue(forInbox.get("thread_id").isNull());
        assertTrue(forInbox.get("message").isNull());
        assertTrue(forAccount.get("inbox_id").isNull());
    }

    @Test
    void theVerdictsOfAMessageReceivedOverSmtpAreWrittenAsTheMessageViewWritesThem() throws Exception {
        MessageSnapshot message = new MessageSnapshot(null, "ceo@openmail.localhost", "agent@openmail.localhost",
                List.of(), "Pay", "now", List.of(), Instant.parse("2024-03-21T10:04:59.500Z"),
                new Authentication(AuthResult.SOFTFAIL, AuthResult.NONE, AuthResult.FAIL, true),
                SpamVerdict.scanned(15.5, "reject", List.of("GTUBE", "MISSING_DATE")));
        JsonNode read = parse(EVENTS.payload(new MailEvent(EventId.generate(), EventType.MESSAGE_RECEIVED, ACCOUNT,
                POD, INBOX, THREAD, MESSAGE, OCCURRED, message), 1, DELIVERED)).get("message");

        JsonNode authentication = read.get("authentication");
        assertEquals(List.of("spf", "dkim", "dmarc", "spoofedLocalSender"), names(authentication));
        assertEquals("softfail", authentication.get("spf").asText());
        assertEquals("none", authentication.get("dkim").asText());
        assertEquals("fail", authentication.get("dmarc").asText());
        assertTrue(authentication.get("spoofedLocalSender").asBoolean());
        JsonNode spam = read.get("spam");
        assertEquals(List.of("status", "score", "action", "symbols"), names(spam));
        assertEquals("scanned", spam.get("status").asText());
        assertEquals(15.5, spam.get("score").asDouble());
        assertEquals("reject", spam.get("action").asText());
        assertEquals(List.of("GTUBE", "MISSING_DATE"), texts(spam.get("symbols")));

        MessageSnapshot unscanned = new MessageSnapshot(null, "a@example.com", "agent@openmail.localhost", List.of(),
                "s", "b", List.of(), OCCURRED, Authentication.none(), SpamVerdict.unscanned("timed out after 2s"));
        JsonNode later = parse(EVENTS.payload(new MailEvent(EventId.generate(), EventType.MESSAGE_RECEIVED, ACCOUNT,
                POD, INBOX, THREAD, MESSAGE, OCCURRED, unscanned), 1, DELIVERED)).get("message");
        assertEquals(List.of("status", "reason"), names(later.get("spam")));
        assertEquals("unscanned", later.get("spam").get("status").asText());
        assertEquals("timed out after 2s", later.get("spam").get("reason").asText());
        assertFalse(later.get("authentication").get("spoofedLocalSender").asBoolean());
    }

    private static MailEvent event(String rfcMessageId, List<String> cc, String subject, String body,
                                   List<EventAttachment> attachments) {
        MessageSnapshot message = new MessageSnapshot(rfcMessageId, "sender@example.com", "agent@openmail.localhost",
                cc, subject, body, attachments, Instant.parse("2024-03-21T10:04:59.500Z"));
        return new MailEvent(EventId.generate(), EventType.MESSAGE_RECEIVED,
                ACCOUNT, POD,
                INBOX, THREAD,
                MESSAGE, OCCURRED, message);
    }

    private static JsonNode parse(byte[] payload) throws Exception {
        try (JsonParser parser = JSON.createParser(payload)) {
            JsonNode read = JsonNode.read(parser, parser.nextToken());
            assertEquals(null, parser.nextToken(), "one JSON value and nothing after it");
            return read;
        }
    }

    private static List<String> names(JsonNode object) {
        return new ArrayList<>(object.fields().keySet());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.items().forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /** A JSON value read with Jackson's own parser, fields kept in their order. */
    private record JsonNode(Object value) {

        static JsonNode read(JsonParser parser, JsonToken token) throws Exception {
            switch (token) {
                case START_OBJECT -> {
                    Map<String, JsonNode> fields = new LinkedHashMap<>();
                    for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                        String name = parser.currentName();
                        fields.put(name, read(parser, parser.nextToken()));
                    }
                    return new JsonNode(fields);
                }
                case START_ARRAY -> {
                    List<JsonNode> items = new ArrayList<>();
                    for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                        items.add(read(parser, next));
                    }
                    return new JsonNode(items);
                }
                case VALUE_STRING -> {
                    return new JsonNode(parser.getText());
                }
                case VALUE_NUMBER_INT -> {
                    return new JsonNode(parser.getLongValue());
                }
                case VALUE_NUMBER_FLOAT -> {
                    return new JsonNode(parser.getDoubleValue());
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return new JsonNode(token == JsonToken.VALUE_TRUE);
                }
                case VALUE_NULL -> {
                    return new JsonNode(null);
                }
                default -> throw new AssertionError("unexpected " + token);
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, JsonNode> fields() {
            return (Map<String, JsonNode>) value;
        }

        @SuppressWarnings("unchecked")
        List<JsonNode> items() {
            return (List<JsonNode>) value;
        }

        JsonNode get(String name) {
            JsonNode field = fields().get(name);
            if (field == null) {
                throw new AssertionError("no field " + name + " in " + fields().keySet());
            }
            return field;
        }

        JsonNode get(int index) {
            return items().get(index);
        }

        boolean has(String name) {
            return fields().containsKey(name);
        }

        boolean isNull() {
            return value == null;
        }

        boolean isTextual() {
            return value instanceof String;
        }

        boolean isArray() {
            return value instanceof List;
        }

        boolean isInt() {
            return value instanceof Long;
        }

        boolean isEmpty() {
            return items().isEmpty();
        }

        String asText() {
            return (String) value;
        }

        long asLong() {
            return (Long) value;
        }

        int asInt() {
            return Math.toIntExact((Long) value);
        }

        double asDouble() {
            return ((Number) value).doubleValue();
        }

        boolean asBoolean() {
            return (Boolean) value;
        }
    }
}
