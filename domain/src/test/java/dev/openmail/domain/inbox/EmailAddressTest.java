package dev.openmail.domain.inbox;

import dev.openmail.domain.maildomain.DomainName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmailAddressTest {

    @Test
    void isTheMailboxAndTheDomainJoinedByAnAt() {
        EmailAddress address = new EmailAddress(new MailboxName("support"), new DomainName("example.com"));

        assertEquals("support@example.com", address.value());
        assertEquals("support@example.com", address.toString());
    }

    @Test
    void ofReadsBackWhatValueWrote() {
        EmailAddress address = new EmailAddress(MailboxName.parse("Team.Sales-EU"),
                DomainName.parse("domain", "B\u00fccher.Example"));

        EmailAddress read = EmailAddress.of(address.value());

        assertEquals(address, read);
        assertEquals("team.sales-eu@xn--bcher-kva.example", read.value());
        assertEquals(new MailboxName("team.sales-eu"), read.mailbox());
        assertEquals(new DomainName("xn--bcher-kva.example"), read.domain());
    }

    @Test
    void addressesWithEqualPartsAreEqual() {
        assertEquals(EmailAddress.of("abc@example.com"),
                new EmailAddress(MailboxName.parse("ABC"), DomainName.parse("domain", "EXAMPLE.com.")));
    }

    @Test
    void ofRefusesTextThatIsNoAddress() {
        assertThrows(IllegalArgumentException.class, () -> EmailAddress.of("no-at-sign"));
        assertThrows(InvalidMailboxNameException.class, () -> EmailAddress.of("a@b@example.com"));
        assertThrows(IllegalArgumentException.class, () -> EmailAddress.of("support@localhost"));
    }
}
