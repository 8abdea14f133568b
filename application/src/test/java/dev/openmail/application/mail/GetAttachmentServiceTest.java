package dev.openmail.application.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.StoredAttachment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetAttachmentServiceTest {

    private static final byte[] REPORT = "%PDF-1.7 report".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PHOTO = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0x00, 0x10};

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final Inbox support = fixture.inbox(acme, "support");
    private final Message message = fixture.receiveWithAttachments(support, "files@example.com",
            new ParsedAttachment("report.pdf", "application/pdf", REPORT),
            new ParsedAttachment("photo.jpg", "image/jpeg", PHOTO));

    @Test
    void findsTheAttachmentByItsName() {
        StoredAttachment photo = fixture.attachments().get(owner(acme), message.id(), "photo.jpg");

        assertArrayEquals(PHOTO, photo.content());
        assertEquals("photo.jpg", photo.info().filename());
        assertEquals("image/jpeg", photo.info().contentType());
        assertEquals(PHOTO.length, photo.info().sizeBytes());
        assertArrayEquals(REPORT, fixture.attachments().get(owner(acme), message.id(), "report.pdf").content());
    }

    @Test
    void theNameMustMatchExactly() {
        for (String near : new String[]{"Report.pdf", "report", "report.pdf ", "eport.pdf"}) {
            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> fixture.attachments().get(owner(acme), message.id(), near), near);
            assertTrue(e.getMessage().contains(message.id().value()), e.getMessage());
        }
    }

    @Test
    void anUnknownMessageIsNotFound() {
        MessageId unknown = MessageId.generate();

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> fixture.attachments().get(owner(acme), unknown, "report.pdf"));
        assertTrue(e.getMessage().contains(unknown.value()), e.getMessage());
    }
}
