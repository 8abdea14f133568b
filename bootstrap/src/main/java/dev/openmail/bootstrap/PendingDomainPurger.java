package dev.openmail.bootstrap;

import dev.openmail.domain.port.in.ExpirePendingDomains;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes custom domains never verified within {@code OPENMAIL_PENDING_DOMAIN_TTL}, a batch per round, so that a name
 * added and left unverified is free again for an account that can verify it. Every process runs it; a domain is
 * removed once between them.
 */
@Singleton
@Requires(property = "openmail.domains.expire-enabled", notEquals = "false")
final class PendingDomainPurger {

    static final int BATCH = 100;

    private static final Logger LOG = LoggerFactory.getLogger(PendingDomainPurger.class);

    private final ExpirePendingDomains expirePendingDomains;

    PendingDomainPurger(ExpirePendingDomains expirePendingDomains) {
        this.expirePendingDomains = expirePendingDomains;
    }

    @Scheduled(fixedDelay = "${openmail.domains.expire-interval:10m}",
            initialDelay = "${openmail.domains.expire-interval:10m}")
    void expire() {
        try {
            int removed = expirePendingDomains.expire(BATCH);
            if (removed > 0) {
                LOG.info("Removed {} custom domain(s) never verified within the pending period", removed);
            }
        } catch (RuntimeException e) {
            // The next round tries again; an unexpected failure must not stop the schedule.
            LOG.warn("Expiring pending domains failed: {}", e.toString());
        }
    }
}
