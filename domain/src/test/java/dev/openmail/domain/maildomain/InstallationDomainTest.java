package dev.openmail.domain.maildomain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstallationDomainTest {

    private final InstallationDomain installation = new InstallationDomain(new DomainName("openmail.test"));

    @Test
    void servesInboxesThatNameNoDomainOrItself() {
        assertTrue(installation.serves(null));
        assertTrue(installation.serves(new DomainName("openmail.test")));
        assertFalse(installation.serves(new DomainName("meridian.io")));
        assertFalse(installation.serves(new DomainName("sub.openmail.test")));
    }

    @Test
    void neitherItNorANameBelowItCanBeClaimed() {
        assertThrows(DomainTakenException.class, () -> installation.ensureClaimable(new DomainName("openmail.test")));
        assertThrows(DomainTakenException.class, () -> installation.ensureClaimable(new DomainName("mx.openmail.test")));
        assertDoesNotThrow(() -> installation.ensureClaimable(new DomainName("notopenmail.test")));
        assertDoesNotThrow(() -> installation.ensureClaimable(new DomainName("meridian.io")));
    }

    @Test
    void theCertificateAuthoritiesAndRfc2142RoleNamesAreReservedWhateverTheirCase() {
        for (String role : List.of("admin", "administrator", "hostmaster", "postmaster", "webmaster", "abuse", "security",
                "noc", "mailer-daemon", "root", "www", "ftp", "news", "usenet", "uucp", "info", "marketing", "sales", "support",
                "PostMaster", "ADMIN", "Support")) {
            assertTrue(installation.reservesMailboxName(role), role);
        }
        assertFalse(installation.reservesMailboxName("meridian-support"));
        assertFalse(installation.reservesMailboxName("postmasters"));
        assertFalse(installation.reservesMailboxName("hello"));
    }

    @Test
    void theOperatorMayReserveMoreButNotFewer() {
        InstallationDomain extended = installation.reservingAlso(List.of("Billing", "careers"));

        assertTrue(extended.reservesMailboxName("billing"));
        assertTrue(extended.reservesMailboxName("careers"));
        assertTrue(extended.reservesMailboxName("postmaster"));
        assertEquals(installation.name(), extended.name());
        assertFalse(installation.reservesMailboxName("billing"));
    }
}
