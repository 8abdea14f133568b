package dev.openmail.adapters.rest.support;

import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.MxHost;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The settings of the in-memory installation the controller tests run on ({@link UseCaseTestBeans} hands its use cases
 * to Micronaut), and the one use case they replace: sending.
 */
@Factory
public final class UseCaseTestFactory {

    /** Every resource made in a controller test is created at this instant. */
    public static final Instant NOW = Instant.parse("2025-03-04T05:06:07.891Z");

    /** What an account opened without an inboxLimit gets; chosen to differ from every limit a test sends. */
    public static final InboxLimit DEFAULT_INBOX_LIMIT = new InboxLimit(42);

    /** The installation's domain, and the MX host domains must name, in controller tests. */
    public static final DomainName DEFAULT_DOMAIN = new DomainName("openmail.test");
    public static final MxHost MX_HOST = new MxHost(new DomainName("mx.openmail.test"));

    /** Sending is exercised for real in bootstrap's system tests; here the controller's part: reading the request. */
    @Singleton
    RecordingSendMail sendMail() {
        return new RecordingSendMail();
    }
}
