package dev.openmail.domain.port.in;

import dev.openmail.domain.usage.StorageQuota;
import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.Label;

import java.util.Objects;

public interface UpdateAccount {

    Account update(Command command);

    /** {@code storageQuota} set to null gives the account the installation's storage quota again. */
    record Command(AccountId accountId, Change<Label> name, Change<InboxLimit> inboxLimit,
                   Change<Boolean> dropSpoofedLocalMail, Change<StorageQuota> storageQuota) {
        public Command {
            Objects.requireNonNull(accountId);
            Objects.requireNonNull(name);
            Objects.requireNonNull(inboxLimit);
            Objects.requireNonNull(dropSpoofedLocalMail);
            Objects.requireNonNull(storageQuota);
        }

        public Command(AccountId accountId, Change<Label> name, Change<InboxLimit> inboxLimit) {
            this(accountId, name, inboxLimit, Change.keep(), Change.keep());
        }
    }
}
