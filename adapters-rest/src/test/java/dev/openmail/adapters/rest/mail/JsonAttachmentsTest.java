package dev.openmail.adapters.rest.mail;

import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ParsedAttachment;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JSON send read as it streams by: the 25 MB limit on its attachments, counted on the bytes they decode to; base64 as
 * mail tools write it; and the 1 MB limit on everything else, unknown fields included.
 */
class JsonAttachmentsTest {

    private static final int LIMIT = (int) OutgoingMail.MAX_ATTACHMENT_BYTES;

    @Test
    void attachmentsOfExactly25MbAreTaken() {
        List<ParsedAttachment> read = read(send(LIMIT - 3, 3));

        assertEquals(LIMIT, read.stream().mapToInt(attachment -> attachment.content().length).sum());
        assertEquals(List.of("one", "two"), read.stream().map(ParsedAttachment::filename).toList());
    }

    @Test
    void oneByteMoreIsRefusedAsTooLarge() {
        HttpStatusException refused = assertThrows(HttpStatusException.class, () -> read(send(LIMIT - 2, 3)));

        assertEquals(HttpStatus.REQUEST_ENTITY_TOO_LARGE, refused.getStatus());
        assertTrue(refused.getMessage().contains("25 MB"), refused.getMessage());
    }

    @Test
    void aSendWith25MbInBase64FitsTheJsonLimitOfASend() {
        long base64 = (OutgoingMail.MAX_ATTACHMENT_BYTES + 2) / 3 * 4;

        assertTrue(base64 + 1024 * 1024 < JsonAttachments.MAX_SEND_JSON_BYTES);
    }

    @Test
    void base64IsDecodedAsJavasDecoderDoesWithWhitespaceAnywhere() {
        byte[] bytes = new byte[200];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37);
        }
        String mime = Base64.getMimeEncoder().encodeToString(bytes).replace("\r\n", "\\r\\n");
        String spaced = Base64.getEncoder().encodeToString(bytes).replace("A", "A \\t").replace("g", "\\ng");
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(bytes);
        String escaped = Base64.getEncoder().encodeToString(bytes).replace("/", "\\/").replace("Q", "\\u0051");

        for (String data : List.of(mime, spaced, unpadded, escaped)) {
            assertArrayEquals(bytes, read(attachment(data)).get(0).content(), data);
        }
        assertArrayEquals(new byte[0], read(attachment("")).get(0).content());
        assertArrayEquals("A".getBytes(StandardCharsets.US_ASCII), read(attachment("QQ = =")).get(0).content());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "QUJDR", "Q=", "=", "QQ=", "QQ==QUJD", "QUJD===", "QUJ\\\"", "QUJ\\b",
            "QUJD\\u00e9", "QUJD\u00e9"})
    void whatJavasDecoderRefusesIsRefusedNamingTheField(String data) {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> read("{\"attachments\":[{\"filename\":\"ok\",\"data\":\"QUJD\"},{\"filename\":\"bad\",\"data\":\""
                        + data + "\"}]}"));

        assertEquals("attachments[1].data", refused.field());
    }

    @Test
    void moreThan100AttachmentsAreRefusedNamingTheField() {
        String one = "{\"filename\":\"a\",\"data\":\"\"}";
        assertEquals(100, read("{\"attachments\":[" + String.join(",", Collections.nCopies(100, one)) + "]}").size());

        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> read("{\"attachments\":[" + String.join(",", Collections.nCopies(101, one)) + "]}"));
        assertEquals("attachments", refused.field());
        assertTrue(refused.getMessage().contains("100"), refused.getMessage());
    }

    /** Fields nobody reads are skipped, within the limit every JSON body has. */
    @Test
    void anUnknownFieldIsIgnoredWithinTheJsonLimit() {
        String manyObjects = "[" + "{},".repeat((JsonBodies.MAX_JSON_BYTES - 1000) / 3) + "{}]";
        JsonSend send = JsonSend.read(("{\"x\":" + manyObjects + ",\"to\":\"a@example.org\"," + attachment("QUJD").substring(1))
                .getBytes(StandardCharsets.US_ASCII));

        assertEquals("a@example.org", send.fields().string("to").applyTo(null));
        assertEquals(1, send.attachments().size());
    }

    @Test
    void anUnknownFieldPastTheJsonLimitIsRefusedAsTooLarge() {
        String manyObjects = "[" + "{},".repeat(5 * 1024 * 1024 / 3) + "{}]";

        HttpStatusException refused = assertThrows(HttpStatusException.class, () -> JsonSend.read(
                ("{\"to\":\"a@example.org\",\"x\":" + manyObjects + "}").getBytes(StandardCharsets.US_ASCII)));
        assertEquals(HttpStatus.REQUEST_ENTITY_TOO_LARGE, refused.getStatus());
    }

    /** 25 MB of attachments leave room for 1 MB of JSON besides their data, and no more, wherever it is. */
    @ParameterizedTest
    @ValueSource(strings = {"cc", "unknown", "attachments[0].unknown"})
    void aFullSendWithMoreThan1MbBesidesAttachmentDataIsRefusedAsTooLarge(String where) {
        String big = "\"" + "s".repeat(JsonBodies.MAX_JSON_BYTES + 1) + "\"";
        String data = "\"" + base64OfAs(LIMIT) + "\"";
        String json = switch (where) {
            case "cc" -> "{\"cc\":[" + big + "],\"attachments\":[{\"filename\":\"f\",\"data\":" + data + "}]}";
            case "unknown" -> "{\"attachments\":[{\"filename\":\"f\",\"data\":" + data + "}],\"x\":" + big + "}";
            default -> "{\"attachments\":[{\"filename\":\"f\",\"data\":" + data + ",\"x\":" + big + "}]}";
        };
        assertTrue(json.length() > 34 * 1024 * 1024 && json.length() < JsonAttachments.MAX_SEND_JSON_BYTES);

        HttpStatusException refused = assertThrows(HttpStatusException.class, () -> read(json));
        assertEquals(HttpStatus.REQUEST_ENTITY_TOO_LARGE, refused.getStatus());
        assertTrue(refused.getMessage().contains("1 MB"), refused.getMessage());
    }

    /**
     * Text fields are bounded in characters, not bytes: 500,000 characters of HTML written as six-byte escapes, as Python's
     * json.dumps writes anything beyond ASCII, take 3 MB.
     */
    @Test
    void theTextFieldsOfASendAreBoundedInCharactersNotInBytes() {
        String escaped = "\\u4e2d".repeat(OutgoingMail.MAX_BODY_HTML);
        JsonSend send = JsonSend.read(("{\"body\":\"" + escaped.substring(0, 6 * OutgoingMail.MAX_BODY) + "\",\"bodyHtml\":\""
                + escaped + "\"," + attachment("QUJD").substring(1)).getBytes(StandardCharsets.US_ASCII));

        assertEquals(OutgoingMail.MAX_BODY_HTML, send.fields().string("bodyHtml").applyTo(null).length());
        assertEquals(OutgoingMail.MAX_BODY, send.fields().string("body").applyTo(null).length());
        assertEquals(1, send.attachments().size());

        String tooLong = "{\"body\":\"" + "b".repeat(JsonBodies.MAX_JSON_BYTES + 1) + "\"}";
        assertThrows(InvalidInputException.class, () -> JsonSend.read(tooLong.getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<ParsedAttachment> read(String json) {
        return JsonSend.read(json.getBytes(StandardCharsets.UTF_8)).attachments();
    }

    private static String attachment(String data) {
        return "{\"attachments\":[{\"filename\":\"f\",\"data\":\"" + data + "\"}]}";
    }

    /** A send with two attachments of the given sizes, each byte 'A' (base64 "QUFB" for three). */
    private static String send(int first, int second) {
        return "{\"attachments\":[{\"filename\":\"one\",\"data\":\"" + base64OfAs(first) + "\"},"
                + "{\"filename\":\"two\",\"data\":\"" + base64OfAs(second) + "\"}]}";
    }

    private static String base64OfAs(int bytes) {
        String whole = "QUFB".repeat(bytes / 3);
        return switch (bytes % 3) {
            case 1 -> whole + "QQ==";
            case 2 -> whole + "QUE=";
            default -> whole;
        };
    }
}
