package dev.openmail.domain.usage;

import java.util.Objects;

/**
 * The installation's quotas: every inbox's, and every account's unless the operator set one for the account. The
 * rule for one more message is {@link #room}.
 */
public record StorageQuotas(StorageQuota accountDefault, StorageQuota inbox) {

    public static final StorageQuotas UNLIMITED = new StorageQuotas(StorageQuota.UNLIMITED, StorageQuota.UNLIMITED);

    public StorageQuotas {
        Objects.requireNonNull(accountDefault);
        Objects.requireNonNull(inbox);
    }

    /** The quota of an account: the operator's for it when set, else the installation's. */
    public StorageQuota forAccount(StorageQuota overrideOrNull) {
        return overrideOrNull != null ? overrideOrNull : accountDefault;
    }

    /** What answer a message of {@code size} bytes gets from an inbox standing so, with its account. */
    public Room room(Standing standing, long size) {
        StorageQuota account = forAccount(standing.accountQuotaOrNull());
        if (!inbox.couldEverHold(size) || !account.couldEverHold(size)) {
            return Room.NEVER;
        }
        if (!inbox.admits(standing.inboxBytes(), size) || !account.admits(standing.accountBytes(), size)) {
            return Room.FULL;
        }
        return Room.FITS;
    }

    /** Whether an inbox standing so takes no more mail at all (checked at RCPT TO, before the size is known). */
    public boolean isFull(Standing standing) {
        return inbox.isReachedBy(standing.inboxBytes())
                || forAccount(standing.accountQuotaOrNull()).isReachedBy(standing.accountBytes());
    }

    /** An answer to one more message. */
    public enum Room {
        /** It fits in the inbox and its account. */
        FITS,
        /** Not now: the inbox or the account has too little room left (mail deleted would make room). */
        FULL,
        /** Never: the message alone is larger than the inbox's or the account's quota. */
        NEVER
    }

    /**
     * What an inbox and its account hold now, and the operator's quota for the account (null: the installation's).
     */
    public record Standing(long inboxBytes, long accountBytes, StorageQuota accountQuotaOrNull) {
    }
}
