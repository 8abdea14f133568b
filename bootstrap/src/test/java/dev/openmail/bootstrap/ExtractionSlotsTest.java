package dev.openmail.bootstrap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How many files a process reads at once: a slot per extractor worker unless the concurrency is set. */
class ExtractionSlotsTest {

    @Test
    void autoFollowsTheWorkersAndANumberIsTakenAsItIs() {
        assertEquals(1, ExtractionFactory.slots("auto", "1"));
        assertEquals(3, ExtractionFactory.slots("auto", " 3 "));
        assertEquals(3, ExtractionFactory.slots("", "3"));
        assertEquals(4, ExtractionFactory.slots("4", "1"));
    }

    @Test
    void aMalformedOrNonPositiveValueNamesItsSetting() {
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> ExtractionFactory.slots("many", "1"));
        assertTrue(word.getMessage().contains("OPENMAIL_EXTRACTION_CONCURRENCY"), word.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ExtractionFactory.slots("auto", "0"));
        assertTrue(zero.getMessage().contains("OPENMAIL_EXTRACTION_WORKERS"), zero.getMessage());
    }
}
