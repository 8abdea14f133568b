package dev.openmail.adapters.smtpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpMemoryTest {

    private static final long HEAP = Runtime.getRuntime().maxMemory();

    @Test
    void defaultsAreTheDocumentedOnes() {
        SmtpMemory defaults = SmtpMemory.defaults();

        assertEquals(1024 * 1024, defaults.spoolThresholdBytes());
        assertEquals(Math.min(64L * 1024 * 1024, HEAP / 8), defaults.memoryBudgetBytes());
        assertEquals(HEAP / 8, defaults.processingBudgetBytes());
        assertEquals(Duration.ofSeconds(30), defaults.processingWait());
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")), defaults.spoolDirectory());
        assertEquals(1024L * 1024 * 1024, defaults.spoolMaxBytes());
    }

    @Test
    void configurationLeavesANegativeBudgetAndABlankDirectoryAtTheirDefaults() {
        SmtpMemory memory = SmtpMemory.fromConfiguration(4096, -1, -1, 0, " ", 10);

        assertEquals(SmtpMemory.defaults().memoryBudgetBytes(), memory.memoryBudgetBytes());
        assertEquals(SmtpMemory.defaults().processingBudgetBytes(), memory.processingBudgetBytes());
        assertEquals(SmtpMemory.defaults().spoolDirectory(), memory.spoolDirectory());
        assertEquals(Duration.ZERO, memory.processingWait());
    }

    @Test
    void refusesValuesThatMakeNoSense() {
        SmtpMemory defaults = SmtpMemory.defaults();
        assertThrows(IllegalArgumentException.class, () -> defaults.withSpoolThresholdBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMemoryBudgetBytes(-2));
        assertThrows(IllegalArgumentException.class, () -> defaults.withProcessingBudgetBytes(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withProcessingWait(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> defaults.withSpoolMaxBytes(-1));
        assertThrows(NullPointerException.class, () -> defaults.withSpoolDirectory(null));
    }

    @Test
    void aMessageLargerThanTheProcessingBudgetTakesAllOfItAndGivesItBack() throws InterruptedException {
        InFlightMessages inFlight = new InFlightMessages(SmtpMemory.defaults().withProcessingBudgetBytes(10 * 1024)
                .withProcessingWait(Duration.ZERO));

        InFlightMessages.Processing large = inFlight.awaitProcessing(1024 * 1024);
        assertNotNull(large);
        assertNull(inFlight.awaitProcessing(1), "nothing left beside it");
        large.close();
        large.close();

        InFlightMessages.Processing first = inFlight.awaitProcessing(5 * 1024);
        InFlightMessages.Processing second = inFlight.awaitProcessing(5 * 1024);
        assertTrue(first != null && second != null, "two halves fit");
        assertNull(inFlight.awaitProcessing(1));
        first.close();
        assertNotNull(inFlight.awaitProcessing(5 * 1024));
    }

    @Test
    void theMemoryAndDiskBudgetsGrantOnlyWhatIsFree() {
        InFlightMessages inFlight = new InFlightMessages(SmtpMemory.defaults().withMemoryBudgetBytes(100)
                .withSpoolMaxBytes(50));

        assertTrue(inFlight.reserveMemory(60));
        assertTrue(!inFlight.reserveMemory(41));
        assertTrue(inFlight.reserveMemory(40));
        inFlight.releaseMemory(100);
        assertEquals(0, inFlight.memoryInUse());
        assertTrue(inFlight.reserveDisk(50));
        assertTrue(!inFlight.reserveDisk(1));
        inFlight.releaseDisk(50);
        assertEquals(0, inFlight.diskInUse());
    }
}
