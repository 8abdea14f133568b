package dev.openmail.application.maildomain;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.MailDomain;
import org.junit.jupiter.api.Test;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetDomainServiceTest {

    private final DomainFixture fixture = new DomainFixture();
    private final GetDomainService getDomain = new GetDomainService(fixture.transactions, fixture.domains);

    @Test
    void findsADomainOfTheAccount() {
        AccountId account = fixture.account();
        MailDomain domain = fixture.domain(account, "meridian.io", null);

        MailDomain found = getDomain.get(owner(account), domain.id());

        assertEquals(domain.id(), found.id());
        assertEquals(domain.name(), found.name());
        assertEquals(domain.ownershipToken(), found.ownershipToken());
    }

    @Test
    void anUnknownDomainIsNotFound() {
        AccountId account = fixture.account();
        DomainId unknown = DomainId.generate();

        NotFoundException e = assertThrows(NotFoundException.class, () -> getDomain.get(owner(account), unknown));
        assertTrue(e.getMessage().contains(unknown.value()), e.getMessage());
    }

    @Test
    void anotherAccountsDomainIsNotFound() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        MailDomain theirs = fixture.domain(globex, "globex.com", null);

        assertThrows(NotFoundException.class, () -> getDomain.get(owner(acme), theirs.id()));
    }
}
