package dev.openmail.domain.senderrule;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.pod.PodId;

import java.time.Instant;
import java.util.Objects;

/**
 * One block or allow rule of an account: account-wide when {@code podOrNull} is null, else for the inboxes of that
 * pod only (on top of the account's rules). The value is an address or a domain, lower-cased.
 */
public record SenderRule(SenderRuleId id, AccountId accountId, PodId podOrNull, SenderRuleType type, String value,
                         Instant createdAt) {

    public SenderRule {
        Objects.requireNonNull(id);
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(type);
        Objects.requireNonNull(createdAt);
        value = SenderRuleValue.normalize(value);
    }

    public static SenderRule create(AccountId accountId, PodId podOrNull, SenderRuleType type, String value,
                                    Instant now) {
        return new SenderRule(SenderRuleId.generate(), accountId, podOrNull, type, value, now);
    }

    /**
     * Whether this rule matches {@code address} (already lower-case or not): an address rule the same address, a
     * domain rule an address at exactly that domain. Subdomains do not match: {@code example.com} does not match
     * {@code a@mail.example.com} (the OpenMail page says "any address at that domain").
     */
    public boolean matches(String address) {
        if (address == null) {
            return false;
        }
        String candidate = address.strip().toLowerCase(java.util.Locale.ROOT);
        int at = candidate.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        if (SenderRuleValue.isAddress(value)) {
            return candidate.equals(value);
        }
        return candidate.substring(at + 1).equals(value);
    }

    public static NotFoundException notFound(String idText) {
        return new NotFoundException("No sender rule " + idText + ".");
    }
}
