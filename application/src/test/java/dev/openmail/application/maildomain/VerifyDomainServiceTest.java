package dev.openmail.application.maildomain;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.maildomain.DnsCheckUnavailableException;
import dev.openmail.domain.maildomain.DnsRecord;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.DomainStatus;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.RecordStatus;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.out.DnsLookup;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyDomainServiceTest {

    private final DomainFixture fixture = new DomainFixture();
    private final VerifyDomainService verify = verifyWith(fixture.dns, fixture.clock);

    @Test
    void withNothingPublishedTheDomainFailsWithEveryRecordMissing() {
        AccountId account = fixture.account();
        MailDomain domain = fixture.domain(account, "meridian.io", null);

        MailDomain checked = verify.verify(owner(account), domain.id());

        assertEquals(DomainStatus.FAILED, checked.status());
        assertNull(checked.verifiedAt());
        for (DnsRecord record : checked.records(DomainFixture.MX_HOST)) {
            assertEquals(RecordStatus.MISSING, record.status(), record.name());
        }
        assertEquals(DomainStatus.FAILED, fixture.stored(domain).status());
    }

    @Test
    void onceEveryRecordIsPublishedTheDomainIsVerified() {
        AccountId account = fixture.account();
        MailDomain domain = fixture.domain(account, "meridian.io", null);
        verify.verify(owner(account), domain.id());
        fixture.dns.publishAll(domain, DomainFixture.MX_HOST);

        MailDomain checked = verify.verify(owner(account), domain.id());

        assertEquals(DomainStatus.VERIFIED, checked.status());
        assertEquals(DomainFixture.NOW, checked.verifiedAt());
        MailDomain stored = fixture.stored(domain);
        assertEquals(DomainStatus.VERIFIED, stored.status());
        assertEquals(DomainFixture.NOW, stored.verifiedAt());
        for (DnsRecord.Purpose purpose : DnsRecord.Purpose.values()) {
            assertEquals(RecordStatus.VALID, stored.recordStatus(purpose), purpose.name());
        }
    }

    @Test
    void eachRecordIsLookedUpAtItsOwnName() {
        AccountId account = fixture.account();
        MailDomain domain = fixture.domain(account, "meridian.io", null);
        fixture.dns.publishMx("meridian.io", 10, "mx.openmail.test")
                .publishTxt("meridian.io", "v=spf1 mx ~all")
                .publishTxt("openmail._domainkey.meridian.io", domain.dkim().txtValue());

        MailDomain checked = verify.verify(owner(account), domain.id());

        assertEquals(RecordStatus.VALID, checked.recordStatus(DnsRecord.Purpose.MX));
        assertEquals(RecordStatus.VALID, checked.recordStatus(DnsRecord.Purpose.SPF));
        assertEquals(RecordStatus.VALID, checked.recordStatus(DnsRecord.Purpose.DKIM));
        assertEquals(RecordStatus.MISSING, checked.recordStatus(DnsRecord.Purpose.OWNERSHIP));
        assertEquals(DomainStatus.FAILED, checked.status());

        fixture.dns.publishTxt("_openmail.meridian.io", "openmail-verification=" + domain.ownershipToken());
        assertEquals(DomainStatus.VERIFIED, verify.verify(owner(account), domain.id()).status());
    }

    @Test
    void aVerifiedDomainWhoseRecordsAreWithdrawnFails() {
        AccountId account = fixture.account();
        MailDomain domain = fixture.domain(account, "meridian.io", null);
        fixture.dns.publishAll(domain, DomainFixture.MX_HOST);
        verify.verify(owner(account), domain.id());
        fixture.dns.withdraw(domain.dkimHost());

        MailDomain checked = verifyWith(fixture.dns, Clock.fixed(DomainFixture.NOW.plusSeconds(60), ZoneOffset.UTC))
                .verify(owner(account), domain.id());

        assertEquals(DomainStatus.FAILED, checked.status());
        assertEquals(RecordStatus.MISSING, checked.recordStatus(DnsRecord.Purpose.DKIM));
        assertNull(fixture.stored(domain).verifiedAt());
        assertEquals(DomainStatus.FAILED, fixture.stored(domain).status());
    }

    @Test
    void whenDnsCannotBeAskedNothingChanges() {
        AccountId account = fixture.account();
        MailDomain domain = fixture.domain(account, "meridian.io", null);
        fixture.dns.publishAll(domain, DomainFixture.MX_HOST);
        verify.verify(owner(account), domain.id());
        fixture.dns.withdraw(domain.name().value());
        fixture.dns.setUnavailable(true);

        DnsCheckUnavailableException e = assertThrows(DnsCheckUnavailableException.class,
                () -> verify.verify(owner(account), domain.id()));

        assertTrue(e.getMessage().contains("meridian.io"), e.getMessage());
        MailDomain stored = fixture.stored(domain);
        assertEquals(DomainStatus.VERIFIED, stored.status());
        assertEquals(DomainFixture.NOW, stored.verifiedAt());
        assertEquals(RecordStatus.VALID, stored.recordStatus(DnsRecord.Purpose.MX));
    }

    @Test
    void aPendingDomainStaysPendingWhenDnsCannotBeAsked() {
        AccountId account = fixture.account();
        MailDomain domain = fixture.domain(account, "meridian.io", null);
        fixture.dns.setUnavailable(true);

        assertThrows(DnsCheckUnavailableException.class, () -> verify.verify(owner(account), domain.id()));

        assertEquals(DomainStatus.PENDING, fixture.stored(domain).status());
    }

    @Test
    void anUnknownDomainOrAnotherAccountsDomainIsNotFoundWithoutAskingDns() {
        AccountId account = fixture.account();
        MailDomain theirs = fixture.domain(fixture.account(), "theirs.example", null);

        assertThrows(NotFoundException.class, () -> verify.verify(owner(account), DomainId.generate()));
        assertThrows(NotFoundException.class, () -> verify.verify(owner(account), theirs.id()));

        assertEquals(0, fixture.dns.lookups());
        assertEquals(DomainStatus.PENDING, fixture.stored(theirs).status());
    }

    @Test
    void theVerdictIsRecordedOnTheDomainAsItIsAfterTheLookup() {
        AccountId account = fixture.account();
        Pod meridian = fixture.pod(account, "meridian");
        MailDomain domain = fixture.domain(account, "meridian.io", null);
        fixture.dns.publishAll(domain, DomainFixture.MX_HOST);
        // While DNS is being asked, another request scopes the domain to a pod.
        DnsLookup rescopingMeanwhile = new DnsLookup() {
            @Override
            public List<String> txt(String name) {
                return fixture.dns.txt(name);
            }

            @Override
            public List<MxRecord> mx(String name) {
                fixture.domains.update(domain.rescope(DomainScope.of(meridian.id()), Set.of()));
                return fixture.dns.mx(name);
            }

            @Override
            public List<java.net.InetAddress> addresses(String host) {
                return fixture.dns.addresses(host);
            }
        };

        MailDomain checked = verifyWith(rescopingMeanwhile, fixture.clock).verify(owner(account), domain.id());

        assertEquals(DomainStatus.VERIFIED, checked.status());
        assertEquals(DomainScope.of(meridian.id()), checked.scope());
        assertEquals(DomainScope.of(meridian.id()), fixture.stored(domain).scope());
        assertEquals(DomainStatus.VERIFIED, fixture.stored(domain).status());
    }

    @Test
    void aDomainDeletedWhileDnsIsAskedIsNotFound() {
        AccountId account = fixture.account();
        MailDomain domain = fixture.domain(account, "meridian.io", null);
        DnsLookup deletingMeanwhile = new DnsLookup() {
            @Override
            public List<String> txt(String name) {
                fixture.domains.remove(domain);
                return List.of();
            }

            @Override
            public List<MxRecord> mx(String name) {
                return List.of();
            }

            @Override
            public List<java.net.InetAddress> addresses(String host) {
                return List.of();
            }
        };

        assertThrows(NotFoundException.class,
                () -> verifyWith(deletingMeanwhile, fixture.clock).verify(owner(account), domain.id()));

        assertEquals(0, fixture.domains.list(account, null, PageRequest.firstPage()).total());
    }

    private VerifyDomainService verifyWith(DnsLookup dns, Clock clock) {
        return new VerifyDomainService(fixture.transactions, fixture.domains, fixture.domains, dns,
                DomainFixture.MX_HOST, clock);
    }
}
