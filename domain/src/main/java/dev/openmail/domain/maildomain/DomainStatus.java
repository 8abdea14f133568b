package dev.openmail.domain.maildomain;

import java.util.Locale;

/** {@code pending} until first checked; then {@code verified} when every record matched, else {@code failed}. */
public enum DomainStatus {
    PENDING, VERIFIED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DomainStatus fromWireName(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
