package dev.openmail.domain.mail;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static final ParsedAttachment A = part("a.txt", "text/plain", "abc");
    private static final ParsedAttachment B = part("b.pdf", "application/pdf", "%PDF");

    @Test
    void theAttachmentsAMessageListsAreTheirPartsDescribed() {
        assertEquals(new AttachmentInfo("a.txt", "text/plain", 3), A.info());
        assertDoesNotThrow(() -> listing(A.info(), B.info()).requireListedAttachments(List.of(A, B)));
        assertDoesNotThrow(() -> listing().requireListedAttachments(List.of()));
    }

    @Test
    void aMissingOrAnExtraPartIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> listing(A.info(), B.info()).requireListedAttachments(List.of(A)));
        assertThrows(IllegalArgumentException.class, () -> listing(A.info()).requireListedAttachments(List.of(A, B)));
        assertThrows(IllegalArgumentException.class, () -> listing().requireListedAttachments(List.of(A)));
    }

    @Test
    void partsInAnotherOrderAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> listing(A.info(), B.info()).requireListedAttachments(List.of(B, A)));
    }

    @Test
    void aPartWithAnotherNameTypeOrSizeIsRefused() {
        List<AttachmentInfo> others = List.of(new AttachmentInfo("A.txt", "text/plain", 3),
                new AttachmentInfo("a.txt", "text/html", 3), new AttachmentInfo("a.txt", "text/plain", 4));
        for (AttachmentInfo other : others) {
            assertThrows(IllegalArgumentException.class, () -> listing(other).requireListedAttachments(List.of(A)),
                    other::toString);
        }
    }

    private static Message listing(AttachmentInfo... attachments) {
        return new Message(MessageId.generate(), AccountId.generate(), PodId.generate(), InboxId.generate(),
                ThreadId.generate(), Direction.INBOUND, MessageStatus.RECEIVED, "from@example.org", "to@example.com",
                null, null, List.of(), "Subject", "body", null, List.of(attachments), null, null, List.of(),
                Instant.parse("2024-03-05T10:00:00Z"));
    }

    private static ParsedAttachment part(String filename, String contentType, String content) {
        return new ParsedAttachment(filename, contentType, content.getBytes(StandardCharsets.UTF_8));
    }
}
