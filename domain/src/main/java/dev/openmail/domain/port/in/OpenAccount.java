package dev.openmail.domain.port.in;

import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.Label;

public interface OpenAccount {

    ProvisionedAccount open(Command command);

    /** {@code name} may be null; a null {@code inboxLimit} takes the installation's default. */
    record Command(Label name, InboxLimit inboxLimit) {
    }
}
