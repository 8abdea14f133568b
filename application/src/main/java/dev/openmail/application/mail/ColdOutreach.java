package dev.openmail.application.mail;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.ColdOutreachLimitExceededException;
import dev.openmail.domain.mail.SendLimits;
import dev.openmail.domain.port.out.AccountSendLimits;
import dev.openmail.domain.port.out.ColdSendCounters;
import dev.openmail.domain.port.out.Correspondents;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.SendCounters;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Counts one send against every cap of its inbox and account, inside the send's transaction: first the cold-outreach
 * caps, then the burst and daily windows ({@link SendLimits#windowsAt}). The caps are the installation's settings
 * with the operator's overrides for the account ({@link AccountSendLimits}) in their place.
 *
 * <p>A cold recipient is an address outside this installation that has never written to the sending inbox
 * ({@link Correspondents}); each distinct one counts as one cold send, so a message to 50 of them is 50. While the
 * inbox is younger than {@link SendLimits#YOUNG} its cold sends of the UTC day are capped by
 * {@code coldPerInboxNew}; the account's, across its inboxes, by {@code coldPerAccountNew} while the account is that
 * young and {@code coldPerAccount} after. A send takes all its cold recipients under both caps or is refused whole
 * ({@link ColdOutreachLimitExceededException}); the transaction then takes back whatever was counted. Mail to warm and
 * local recipients alone counts no cold send.
 */
public final class ColdOutreach {

    private final SendCounters sendCounters;
    private final SendLimits settings;
    private final LoadAccounts loadAccounts;
    private final Correspondents correspondents;
    private final ColdSendCounters coldCounters;
    private final AccountSendLimits accountLimits;

    /** Each port may be null: none of the caps it serves is applied (no overrides, no cold caps, no windows). */
    public ColdOutreach(SendCounters sendCounters, SendLimits settings, LoadAccounts loadAccounts,
                        Correspondents correspondents, ColdSendCounters coldCounters, AccountSendLimits accountLimits) {
        this.sendCounters = sendCounters;
        this.settings = settings == null ? SendLimits.NONE : settings;
        this.loadAccounts = loadAccounts;
        this.correspondents = correspondents;
        this.coldCounters = coldCounters;
        this.accountLimits = accountLimits;
    }

    /** The burst and daily windows alone, with no overrides: how sends were counted before cold outreach. */
    static ColdOutreach windowsOnly(SendCounters sendCounters, SendLimits settings) {
        return new ColdOutreach(sendCounters, settings, null, null, null, null);
    }

    /**
     * Counts a send from {@code inbox} to {@code external} (its recipients outside this installation) at {@code now},
     * or refuses it. Must run in the send's transaction.
     */
    void count(Inbox inbox, Collection<String> external, Instant now) {
        SendLimits limits = accountLimits == null ? settings : settings.with(accountLimits.find(inbox.accountId()));
        countCold(inbox, limits, external, now);
        if (sendCounters == null) {
            return;
        }
        for (SendLimits.Window window : limits.windowsAt(now)) {
            if (!sendCounters.tryCount(inbox.accountId(), inbox.id(), window.kind(), window.start(), window.cap())) {
                throw window.refusal();
            }
        }
    }

    private void countCold(Inbox inbox, SendLimits limits, Collection<String> external, Instant now) {
        if (coldCounters == null || correspondents == null || external.isEmpty()) {
            return;
        }
        int inboxCap = limits.coldCapForInbox(inbox.createdAt(), now);
        Instant accountCreatedAt = loadAccounts == null ? null
                : loadAccounts.find(inbox.accountId()).map(Account::createdAt).orElse(null);
        boolean youngAccount = accountCreatedAt != null && SendLimits.isYoung(accountCreatedAt, now);
        int accountCap = limits.coldCapForAccount(accountCreatedAt, now);
        if (inboxCap == 0 && accountCap == 0) {
            return;
        }
        Set<String> cold = new LinkedHashSet<>();
        external.forEach(address -> cold.add(address.strip().toLowerCase(Locale.ROOT)));
        cold.removeAll(correspondents.warmAmong(inbox.accountId(), inbox.id(), cold));
        if (cold.isEmpty()) {
            return;
        }
        long day = SendLimits.dayStart(now);
        Duration untilTomorrow = SendLimits.untilNextDay(now);
        long days = SendLimits.YOUNG.toDays();
        if (inboxCap > 0 && !coldCounters.tryCountForInbox(inbox.accountId(), inbox.id(), day, cold.size(), inboxCap)) {
            throw new ColdOutreachLimitExceededException(inboxCap + " cold sends per day (UTC) per inbox in its first "
                    + days + " days", cold.size(), untilTomorrow);
        }
        if (accountCap > 0 && !coldCounters.tryCountForAccount(inbox.accountId(), day, cold.size(), accountCap)) {
            throw new ColdOutreachLimitExceededException(accountCap + " cold sends per day (UTC) per account"
                    + (youngAccount ? " in its first " + days + " days" : ""), cold.size(), untilTomorrow);
        }
    }
}
