package dev.openmail.domain.port.out;

import dev.openmail.domain.inbox.Inbox;

public interface SaveInbox {

    /**
     * Throws AddressTakenException when the address is in use anywhere in the installation, and PodGoneException when
     * the inbox's pod was deleted meanwhile.
     */
    void insert(Inbox inbox);

    /** False when the inbox no longer exists. */
    boolean update(Inbox inbox);

    /** False when there was no such inbox. */
    boolean remove(Inbox inbox);
}
