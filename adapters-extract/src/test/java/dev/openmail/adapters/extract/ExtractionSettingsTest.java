package dev.openmail.adapters.extract;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtractionSettingsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ExtractionSettings settings = TikaProcessExtractor.settings("1", "256m", "30s", "10485760", "50000", "auto");
        assertEquals(ExtractionSettings.DEFAULTS, settings);
        assertEquals(Duration.ofMillis(500),
                TikaProcessExtractor.settings("2", "1g", "500ms", "100", "10", "OFF").timeout());
        assertFalse(TikaProcessExtractor.settings("2", "1g", "2m", "100", "10", "off").ocr());
        assertTrue(TikaProcessExtractor.settings("2", "1g", "2m", "100", "10", "auto").ocr());
    }

    @Test
    void aMalformedSettingSaysWhichAndWhatIsExpected() {
        assertMessage("OPENMAIL_EXTRACTION_WORKERS must be from 1 to 64",
                () -> TikaProcessExtractor.settings("0", "256m", "30s", "1", "1", "auto"));
        assertMessage("OPENMAIL_EXTRACTION_WORKER_HEAP must be a JVM heap size",
                () -> TikaProcessExtractor.settings("1", "256 MB", "30s", "1", "1", "auto"));
        assertMessage("OPENMAIL_EXTRACTION_TIMEOUT must be a duration",
                () -> TikaProcessExtractor.settings("1", "256m", "soon", "1", "1", "auto"));
        assertMessage("OPENMAIL_EXTRACTION_MAX_FILE_BYTES must be a whole number",
                () -> TikaProcessExtractor.settings("1", "256m", "30s", "10MB", "1", "auto"));
        assertMessage("OPENMAIL_EXTRACTION_MAX_CHARS must be at least 1",
                () -> TikaProcessExtractor.settings("1", "256m", "30s", "1", "0", "auto"));
        assertMessage("OPENMAIL_EXTRACTION_OCR must be auto or off",
                () -> TikaProcessExtractor.settings("1", "256m", "30s", "1", "1", "on"));
    }

    @Test
    void tidyingFoldsBlankLinesAndTrailingSpacesOnly() {
        assertEquals("a b\n\nc\nd", TikaTextReader.tidy("  a b  \n\n\n\n c\t\r\nd \n"));
        String spaces = " ".repeat(100_000) + "x";
        assertEquals("x", TikaTextReader.tidy(spaces));
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable settings) {
        ConfigurationException e = assertThrows(ConfigurationException.class, settings);
        assertTrue(e.getMessage().contains(start), e.getMessage());
    }
}
