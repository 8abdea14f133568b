package dev.openmail.application.mail;

import dev.openmail.domain.port.out.LoadDomains;

/** Which domains this installation takes mail for: its own, and every domain an account has verified. */
final class ServedDomains {

    private ServedDomains() {
    }

    /**
     * Whether {@code domain} (lower-case) is served; {@code loadDomains} null counts only the installation's own.
     * Runs in the caller's transaction.
     */
    static boolean serves(String domain, String installationDomain, LoadDomains loadDomains) {
        return domain.equals(installationDomain) || (loadDomains != null && loadDomains.verifiedByAnyAccount(domain));
    }
}
