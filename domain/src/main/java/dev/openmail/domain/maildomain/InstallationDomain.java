package dev.openmail.domain.maildomain;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The domain this installation gives every account's inboxes when they name no custom domain. It belongs to the
 * installation: no account may claim it, or any name below it, as a custom domain, and no account may hold one of its
 * role mailboxes. Certificate authorities prove control of a domain by mail to admin@, administrator@, hostmaster@,
 * postmaster@ or webmaster@ (CA/Browser Forum Baseline Requirements, 3.2.2.4.4), and abuse reports, security reports
 * and customers' questions go to the RFC 2142 names: whoever held one of them on this domain could get a certificate
 * for it, read what is meant for its operator, or speak as the operator.
 *
 * @param reservedMailboxNames lower-case local parts no account may take on this domain
 */
public record InstallationDomain(DomainName name, Set<String> reservedMailboxNames) {

    /**
     * The names reserved unless the operator adds more: the certificate authorities' five, every name of RFC 2142
     * (business, network-operations and support-service names, sections 3 to 5), and the conventional mailer-daemon
     * and root.
     */
    public static final Set<String> ROLE_MAILBOX_NAMES = Set.of(
            "admin", "administrator", "hostmaster", "postmaster", "webmaster",
            "info", "marketing", "sales", "support",
            "abuse", "noc", "security",
            "usenet", "news", "www", "uucp", "ftp",
            "mailer-daemon", "root");

    public InstallationDomain {
        Objects.requireNonNull(name);
        reservedMailboxNames = Set.copyOf(reservedMailboxNames.stream()
                .map(reserved -> reserved.toLowerCase(Locale.ROOT)).toList());
    }

    /** The domain with the default role names reserved. */
    public InstallationDomain(DomainName name) {
        this(name, ROLE_MAILBOX_NAMES);
    }

    /** This domain with {@code more} reserved besides the names it already reserves. */
    public InstallationDomain reservingAlso(Collection<String> more) {
        Set<String> all = new TreeSet<>(reservedMailboxNames);
        all.addAll(more);
        return new InstallationDomain(name, all);
    }

    /** True when an inbox asking for {@code requestedOrNull} gets an address on this domain rather than a custom one. */
    public boolean serves(DomainName requestedOrNull) {
        return requestedOrNull == null || requestedOrNull.equals(name);
    }

    /** True when no account may have an inbox with this local part on this domain; the comparison ignores case. */
    public boolean reservesMailboxName(String localPart) {
        return reservedMailboxNames.contains(localPart.toLowerCase(Locale.ROOT));
    }

    /** Refuses a custom domain that is this domain or lies below it. */
    public void ensureClaimable(DomainName candidate) {
        if (candidate.isWithin(name)) {
            throw new DomainTakenException(candidate);
        }
    }
}
