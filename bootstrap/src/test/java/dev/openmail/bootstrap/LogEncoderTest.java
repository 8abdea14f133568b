package dev.openmail.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console encoder as the setting asks: text, JSON, and a value it does not know. */
class LogEncoderTest {

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void clearTheSetting() {
        System.clearProperty(LogEncoder.SYSTEM_PROPERTY);
    }

    private String encoded(String setting, String message) {
        if (setting != null) {
            System.setProperty(LogEncoder.SYSTEM_PROPERTY, setting);
        }
        LogEncoder encoder = new LogEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger - %msg %X{route}%n");
        encoder.start();
        Logger logger = context.getLogger("dev.openmail.Example");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
        event.setMDCPropertyMap(Map.of("route", "/v1/inboxes/{id}/send", "account", "acc_1"));
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void withoutTheSettingEachEntryIsALineOfTextInThePattern() {
        assertEquals("INFO  dev.openmail.Example - hello /v1/inboxes/{id}/send\n", encoded(null, "hello"));
    }

    @Test
    void jsonIsOneObjectPerLineWithTheMdcAndTheMessageEscaped() {
        String line = encoded(" JSON ", "a \"quoted\"\nsecond line");

        assertTrue(line.startsWith("{") && line.endsWith("}\n"), line);
        assertEquals(1, line.chars().filter(c -> c == '\n').count(), "one line: " + line);
        assertTrue(line.contains("\"level\":\"INFO\""), line);
        assertTrue(line.contains("\"account\":\"acc_1\""), line);
        assertTrue(line.contains("\"formattedMessage\":\"a \\\"quoted\\\"\\nsecond line\""), line);
    }

    @Test
    void anUnknownValueLogsAsTextAndSaysSoInTheStartUpStatus() {
        String line = encoded("yaml", "hello");

        assertFalse(line.startsWith("{"), line);
        assertTrue(context.getStatusManager().getCopyOfStatusList().stream()
                .anyMatch(status -> status.getLevel() == Status.WARN && status.getMessage().contains("yaml")));
    }
}
