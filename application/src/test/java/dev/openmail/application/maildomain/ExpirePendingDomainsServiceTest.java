package dev.openmail.application.maildomain;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.maildomain.DkimKey;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.DomainStatus;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.PendingDomains;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.openmail.application.maildomain.DomainFixture.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpirePendingDomainsServiceTest {

    private static final Duration TTL = Duration.ofDays(7);

    private final DomainFixture fixture = new DomainFixture();
    private final AccountId acme = fixture.account();

    private ExpirePendingDomainsService at(Instant now) {
        return new ExpirePendingDomainsService(fixture.transactions, fixture.domains, fixture.domains,
                new PendingDomains(5, TTL), Clock.fixed(now, ZoneOffset.UTC));
    }

    private MailDomain verified(String name, Instant addedAt) {
        MailDomain domain = MailDomain.reconstitute(DomainId.generate(), acme, new DomainName(name),
                DomainScope.ACCOUNT_WIDE, DomainStatus.VERIFIED, new DkimKey("openmail", "public-key", "private-key"),
                "token", Map.of(), addedAt, addedAt.plusSeconds(60));
        fixture.domains.insert(domain);
        return domain;
    }

    @Test
    void aDomainNeverVerifiedWithinThePendingPeriodIsRemovedAndTheOthersStay() {
        MailDomain stale = fixture.domain(acme, "stale.example.com", null, NOW);
        MailDomain fresh = fixture.domain(acme, "fresh.example.com", null, NOW.plus(Duration.ofDays(1)));
        MailDomain done = verified("done.example.com", NOW);

        int removed = at(NOW.plus(TTL).plusMillis(1)).expire(100);

        assertEquals(1, removed);
        assertTrue(fixture.domains.find(acme, stale.id()).isEmpty());
        assertTrue(fixture.domains.find(acme, fresh.id()).isPresent());
        assertTrue(fixture.domains.find(acme, done.id()).isPresent(), "a verified domain never expires");
    }

    @Test
    void notOneMillisecondEarlyAndABatchAtATime() {
        fixture.domain(acme, "a.example.com", null, NOW);
        fixture.domain(acme, "b.example.com", null, NOW);
        fixture.domain(acme, "c.example.com", null, NOW);

        assertEquals(0, at(NOW.plus(TTL)).expire(100));
        assertEquals(2, at(NOW.plus(TTL).plusMillis(1)).expire(2));
        assertEquals(1, at(NOW.plus(TTL).plusMillis(1)).expire(2));
        assertEquals(0, fixture.domains.countNeverVerified(acme));
    }
}
