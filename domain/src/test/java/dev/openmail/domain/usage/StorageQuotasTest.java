package dev.openmail.domain.usage;

import dev.openmail.domain.common.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageQuotasTest {

    private final StorageQuotas quotas = new StorageQuotas(new StorageQuota(1000), new StorageQuota(100));

    @Test
    void settingsReadBytesWithBinarySuffixesAndZeroOrUnlimitedForNone() {
        assertEquals(1024, StorageQuota.parse("1K", "X").bytes());
        assertEquals(500L << 20, StorageQuota.parse(" 500m ", "X").bytes());
        assertEquals(10L << 30, StorageQuota.parse("10G", "X").bytes());
        assertEquals(2L << 40, StorageQuota.parse("2T", "X").bytes());
        assertEquals(12345, StorageQuota.parse("12345", "X").bytes());
        assertTrue(StorageQuota.parse("0", "X").isUnlimited());
        assertTrue(StorageQuota.parse("Unlimited", "X").isUnlimited());
        for (String bad : new String[] {"", "G", "-1G", "1.5G", "10GB", "ten", "99999999999999999", "2000T"}) {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> StorageQuota.parse(bad, "OPENMAIL_INBOX_STORAGE_QUOTA"), bad);
            assertTrue(failure.getMessage().contains("OPENMAIL_INBOX_STORAGE_QUOTA"), failure.getMessage());
        }
    }

    @Test
    void aQuotaIsZeroOrMoreBytes() {
        assertThrows(InvalidInputException.class, () -> new StorageQuota(-1));
        assertThrows(InvalidInputException.class, () -> new StorageQuota(StorageQuota.MAX + 1));
    }

    @Test
    void aMessageFitsWhileTheInboxAndTheAccountStayWithinTheirQuotas() {
        assertEquals(StorageQuotas.Room.FITS, quotas.room(new StorageQuotas.Standing(60, 500, null), 40));
        assertEquals(StorageQuotas.Room.FULL, quotas.room(new StorageQuotas.Standing(61, 500, null), 40));
        assertEquals(StorageQuotas.Room.FULL, quotas.room(new StorageQuotas.Standing(0, 990, null), 40));
    }

    @Test
    void aMessageLargerThanAQuotaNeverFits() {
        assertEquals(StorageQuotas.Room.NEVER, quotas.room(new StorageQuotas.Standing(0, 0, null), 101));
        StorageQuotas roomyInboxes = new StorageQuotas(new StorageQuota(1000), StorageQuota.UNLIMITED);
        assertEquals(StorageQuotas.Room.NEVER, roomyInboxes.room(new StorageQuotas.Standing(0, 0, null), 1001));
    }

    @Test
    void theOperatorsQuotaForAnAccountReplacesTheInstallations() {
        StorageQuotas.Standing small = new StorageQuotas.Standing(0, 990, new StorageQuota(5000));
        assertEquals(StorageQuotas.Room.FITS, quotas.room(small, 40));
        StorageQuotas.Standing none = new StorageQuotas.Standing(0, 1_000_000, StorageQuota.UNLIMITED);
        assertEquals(StorageQuotas.Room.FITS, quotas.room(none, 40));
        assertEquals(new StorageQuota(1000), quotas.forAccount(null));
    }

    @Test
    void anInboxOrAccountAtItsQuotaIsFull() {
        assertFalse(quotas.isFull(new StorageQuotas.Standing(99, 999, null)));
        assertTrue(quotas.isFull(new StorageQuotas.Standing(100, 0, null)));
        assertTrue(quotas.isFull(new StorageQuotas.Standing(0, 1000, null)));
        assertFalse(StorageQuotas.UNLIMITED.isFull(new StorageQuotas.Standing(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4,
                null)));
    }
}
