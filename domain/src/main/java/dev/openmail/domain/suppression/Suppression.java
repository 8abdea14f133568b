package dev.openmail.domain.suppression;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.pod.PodId;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An address the account no longer sends to. It holds for every inbox of the account; {@code podOrNull} is the pod
 * whose mail caused it (a bounce or a complaint about that pod's mail), null for one the account added itself, and
 * decides only who may see it: an account-wide key sees all, a scoped key its own pod's and the account's own.
 */
public record Suppression(AccountId accountId, PodId podOrNull, String address, SuppressionType type,
                          String reasonOrNull, Instant createdAt) {

    public static final int MAX_ADDRESS_LENGTH = 254;
    public static final int MAX_REASON_LENGTH = 1_000;

    public Suppression {
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(type);
        Objects.requireNonNull(createdAt);
        address = normalize("address", address);
        if (reasonOrNull != null && reasonOrNull.length() > MAX_REASON_LENGTH) {
            throw new InvalidInputException("reason", "reason must be at most " + MAX_REASON_LENGTH + " characters.");
        }
    }

    /**
     * An address as suppressions key it: trimmed and lower-cased, one {@code @} with something on each side, no
     * spaces or control characters, at most 254 characters (RFC 5321's path limit).
     */
    public static String normalize(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, field + " must be an email address such as someone@example.com.");
        }
        String address = text.strip().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_ADDRESS_LENGTH) {
            throw new InvalidInputException(field, field + " must be at most " + MAX_ADDRESS_LENGTH + " characters.");
        }
        int at = address.lastIndexOf('@');
        boolean plain = address.chars().allMatch(c -> c > 0x20 && c != 0x7f);
        if (at <= 0 || at == address.length() - 1 || address.indexOf('@') != at || !plain) {
            throw new InvalidInputException(field, field + " must be an email address such as someone@example.com,"
                    + " not '" + (address.length() > 80 ? address.substring(0, 80) + "..." : address) + "'.");
        }
        return address;
    }

    public static NotFoundException notFound(String address) {
        return new NotFoundException("No suppression for " + address + ".");
    }
}
