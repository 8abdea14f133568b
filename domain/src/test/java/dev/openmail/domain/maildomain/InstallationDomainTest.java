package dev.openmail.domain.maildomain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
}
