package dev.openmail.domain.port.in;

import dev.openmail.domain.usage.StorageQuota;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.common.Label;

public interface OpenAccount {

    ProvisionedAccount open(Command command);

    /**
     * {@code name} may be null; a null {@code inboxLimit} takes the installation's default; a null
     * {@code chosenToken} gives the first key a generated token (the operator may choose one at installation time);
     * {@code dropSpoofedLocalMail} as {@link dev.openmail.domain.account.Account#withDropSpoofedLocalMail}; a null
     * {@code storageQuota} takes the installation's.
     */
    record Command(Label name, InboxLimit inboxLimit, ApiToken chosenToken, boolean dropSpoofedLocalMail,
                   StorageQuota storageQuota) {

        public Command(Label name, InboxLimit inboxLimit, ApiToken chosenToken) {
            this(name, inboxLimit, chosenToken, false, null);
        }

        public Command(Label name, InboxLimit inboxLimit) {
            this(name, inboxLimit, null, false, null);
        }
    }
}
