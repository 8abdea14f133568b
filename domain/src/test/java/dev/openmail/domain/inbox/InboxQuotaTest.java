package dev.openmail.domain.inbox;

import dev.openmail.domain.account.InboxLimit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboxQuotaTest {

    @Test
    void leavesRoomWhileBelowTheLimit() {
        assertDoesNotThrow(() -> new InboxQuota(0, new InboxLimit(1)).ensureRoomForOneMore());
        assertDoesNotThrow(() -> new InboxQuota(9, new InboxLimit(10)).ensureRoomForOneMore());
    }

    @Test
    void refusesOneMoreAtTheLimit() {
        InboxLimitReachedException e = assertThrows(InboxLimitReachedException.class,
                () -> new InboxQuota(10, new InboxLimit(10)).ensureRoomForOneMore());
        assertEquals("This account already has its limit of 10 inboxes; delete one or ask the operator to raise the limit.",
                e.getMessage());
    }

    @Test
    void refusesOneMoreAboveALoweredLimit() {
        InboxLimitReachedException e = assertThrows(InboxLimitReachedException.class,
                () -> new InboxQuota(7, new InboxLimit(3)).ensureRoomForOneMore());
        assertTrue(e.getMessage().contains("limit of 3 inboxes"), e.getMessage());
    }

    @Test
    void aLimitOfZeroAllowsNoInboxAtAll() {
        assertThrows(InboxLimitReachedException.class, () -> new InboxQuota(0, new InboxLimit(0)).ensureRoomForOneMore());
    }
}
