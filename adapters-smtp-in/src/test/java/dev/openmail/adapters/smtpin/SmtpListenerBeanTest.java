package dev.openmail.adapters.smtpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.adapters.smtpin.RawSmtpClient.Reply;
import dev.openmail.domain.port.in.ReceiveMail;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The listener as Micronaut wires it: settings from configuration, started with the context, stopped with it. */
class SmtpListenerBeanTest {

    private final FakeReceiveMail mail = new FakeReceiveMail("alice@example.org");

    private ApplicationContext context(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder().properties(properties).build();
        context.registerSingleton(ReceiveMail.class, mail);
        return context.start();
    }

    @Test
    void startsWithTheContextFromConfigurationAndStopsWithIt() throws Exception {
        SmtpListener listener;
        try (ApplicationContext context = context(Map.of(
                "openmail.smtp.port", 0,
                "openmail.smtp.bind-address", "127.0.0.1",
                "openmail.smtp.max-message-bytes", 2048,
                "openmail.smtp.max-recipients", 7,
                "openmail.mx-host", "mx.bean.example"))) {
            listener = context.getBean(SmtpListener.class);
            assertTrue(listener.isRunning());
            assertEquals(7, listener.settings().maxRecipients());
            assertEquals(200, listener.settings().maxConnections());

            try (RawSmtpClient client = new RawSmtpClient(listener.port())) {
                Reply greeting = client.readReply();
                assertTrue(greeting.message().startsWith("mx.bean.example "), greeting.text());
                Reply ehlo = client.command("EHLO client.test");
                assertTrue(ehlo.lines().contains("250-SIZE 2048"), ehlo.text());
                byte[] message = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);
                assertEquals(250, client.send("sender@remote.example", List.of("alice@example.org"), message).code());
            }
            assertEquals(1, mail.stored.size());
        }
        assertFalse(listener.isRunning());
    }

    @Test
    void readsTheBudgetsOfMessagesInFlightFromConfigurationWithDefaultsForTheUnset() {
        try (ApplicationContext context = context(Map.of(
                "openmail.smtp.port", 0,
                "openmail.smtp.bind-address", "127.0.0.1",
                "openmail.smtp.spool-threshold-bytes", 4096,
                "openmail.smtp.processing-budget-bytes", 1_000_000,
                "openmail.smtp.processing-wait-seconds", 5,
                "openmail.smtp.spool-dir", "/var/tmp/openmail-spool",
                "openmail.smtp.spool-max-bytes", 123_456_789L))) {
            SmtpMemory memory = context.getBean(SmtpListener.class).memory();
            assertEquals(4096, memory.spoolThresholdBytes());
            assertEquals(1_000_000, memory.processingBudgetBytes());
            assertEquals(java.time.Duration.ofSeconds(5), memory.processingWait());
            assertEquals(java.nio.file.Path.of("/var/tmp/openmail-spool"), memory.spoolDirectory());
            assertEquals(123_456_789L, memory.spoolMaxBytes());
            assertEquals(SmtpMemory.defaults().memoryBudgetBytes(), memory.memoryBudgetBytes());
        }
    }

    @Test
    void canBeSwitchedOff() {
        try (ApplicationContext context = context(Map.of("openmail.smtp.enabled", false))) {
            assertFalse(context.containsBean(SmtpListener.class));
        }
    }
}
