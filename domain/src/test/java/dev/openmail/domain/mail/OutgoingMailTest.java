package dev.openmail.domain.mail;

import dev.openmail.domain.common.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutgoingMailTest {

    private static final ParsedAttachment FILE = new ParsedAttachment("a.txt", "text/plain", new byte[]{'a'});

    @Test
    void aMessageHoldsAtMost100Attachments() {
        assertEquals(100, mail(Collections.nCopies(100, FILE)).attachments().size());

        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> mail(Collections.nCopies(101, FILE)));
        assertEquals("attachments", refused.field());
    }

    private static OutgoingMail mail(List<ParsedAttachment> attachments) {
        return new OutgoingMail("to@example.org", List.of(), "s", "b", null, null, null, true, attachments);
    }

    @Test
    void aBulkSendIsAnotherRequestThanTheSameSendNotBulk() {
        OutgoingMail plain = new OutgoingMail("bob@example.com", List.of(), "Hi", "Hello", null, null, null, true,
                List.of());
        OutgoingMail notBulk = new OutgoingMail("bob@example.com", List.of(), "Hi", "Hello", null, null, null, true,
                List.of(), false);
        OutgoingMail bulk = new OutgoingMail("bob@example.com", List.of(), "Hi", "Hello", null, null, null, true,
                List.of(), true);

        assertEquals(plain.fingerprint(), notBulk.fingerprint());
        org.junit.jupiter.api.Assertions.assertNotEquals(plain.fingerprint(), bulk.fingerprint());
    }
}
