package dev.openmail.domain.maildomain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a domain may stay unverified, and how many such domains an account may hold, so that no account can
 * squat a name another would verify: a domain never verified within {@code ttl} of being added is removed.
 */
public record PendingDomains(int limitPerAccount, Duration ttl) {

    public static final PendingDomains DEFAULT = new PendingDomains(20, Duration.ofDays(7));

    public PendingDomains {
        if (limitPerAccount < 1) {
            throw new IllegalArgumentException("an account must be able to add at least one domain: " + limitPerAccount);
        }
        Objects.requireNonNull(ttl);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the pending period must be a positive duration, not " + ttl);
        }
    }

    /** Refuses another never-verified domain to an account that holds {@code neverVerified} already. */
    public void ensureRoomFor(long neverVerified) {
        if (neverVerified >= limitPerAccount) {
            throw new PendingDomainLimitReachedException(limitPerAccount);
        }
    }

    /** Domains never verified and added before this instant have outstayed the pending period at {@code now}. */
    public Instant expiredBefore(Instant now) {
        return now.minus(ttl);
    }

    /** Whether {@code domain}, never verified, has outstayed the pending period at {@code now}. */
    public boolean hasExpired(MailDomain domain, Instant now) {
        return domain.verifiedAt() == null && domain.createdAt().isBefore(expiredBefore(now));
    }
}
