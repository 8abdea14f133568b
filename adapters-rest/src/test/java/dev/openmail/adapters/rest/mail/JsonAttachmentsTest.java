package dev.openmail.adapters.rest.mail;

import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ParsedAttachment;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 25 MB limit on the attachments of a JSON send, counted on the bytes they decode to. */
class JsonAttachmentsTest {

    private static final int LIMIT = (int) OutgoingMail.MAX_ATTACHMENT_BYTES;

    @Test
    void attachmentsOfExactly25MbAreTaken() {
        List<ParsedAttachment> read = JsonAttachments.read(send(LIMIT - 3, 3));

        assertEquals(LIMIT, read.stream().mapToInt(attachment -> attachment.content().length).sum());
    }

    @Test
    void oneByteMoreIsRefusedAsTooLarge() {
        HttpStatusException refused = assertThrows(HttpStatusException.class, () -> JsonAttachments.read(send(LIMIT - 2, 3)));

        assertEquals(HttpStatus.REQUEST_ENTITY_TOO_LARGE, refused.getStatus());
        assertTrue(refused.getMessage().contains("25 MB"), refused.getMessage());
    }

    @Test
    void aSendWith25MbInBase64FitsTheJsonLimitOfASend() {
        long base64 = (OutgoingMail.MAX_ATTACHMENT_BYTES + 2) / 3 * 4;

        assertTrue(base64 + 1024 * 1024 < JsonAttachments.MAX_SEND_JSON_BYTES);
    }

    /** A send with two attachments of the given sizes, each byte 'A' (base64 "QUFB" for three). */
    private static JsonObject send(int first, int second) {
        String json = "{\"attachments\":[{\"filename\":\"one\",\"data\":\"" + base64OfAs(first) + "\"},"
                + "{\"filename\":\"two\",\"data\":\"" + base64OfAs(second) + "\"}]}";
        return new JsonBodies().openObject(json.getBytes(StandardCharsets.US_ASCII), Integer.MAX_VALUE);
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
